import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { seedDemoTenant } from '../demo/seed-demo-tenant.js';
import { createService, credentialEnvNames } from '../service.js';
import { startTransports } from '../transports.js';

/**
 * The base URL to print for the address Fastify listens on: a wildcard address (HOST=0.0.0.0 or ::) is not a
 * place to browse to, so it becomes the loopback address, which works on this machine either way.
 */
export function printableBase(address: string): string {
  const url = new URL(address);
  if (url.hostname === '0.0.0.0' || url.hostname === '[::]') url.hostname = '127.0.0.1';
  return url.origin;
}

export async function runServe(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { demo: { type: 'boolean', default: false } } });
  const config = readConfig(process.env, credentialEnvNames());
  const service = await createService(config);
  const log = service.logger;

  if (values.demo) {
    const demo = await seedDemoTenant(service.database.db, new Date());
    log.info({ tenant: demo.tenantId, created: demo.created }, demo.created ? 'demo tenant created from the Maven CRM dataset' : 'demo tenant ready');
  }
  const transports = await startTransports(service, config);
  service.startBackground();
  const address = await service.app.listen({ port: config.port, host: config.host });

  const base = printableBase(address);
  const where = [
    `salesbeat is running on ${base} (${service.database.driver === 'pglite' ? `embedded database in ${config.dataDir}` : 'Postgres'})`,
    `  health        ${base}/healthz`,
    `  API docs      ${base}/docs`,
    ...(values.demo
      ? [
          `  demo deals    ${base}/api/v1/tenants/demo/deals?limit=5`,
          `  demo actions  ${base}/api/v1/tenants/demo/actions`,
          `  demo inbox    ${base}/api/v1/tenants/demo/inbox`,
          `  replay        npx salesbeat replay ../shared/data/payloads --url ${base} --tenant demo`,
        ]
      : []),
    `  webhooks      ${base}/webhooks/{feishu|dingtalk|wecom|calls}/<tenant>`,
  ];
  console.log(where.join('\n'));

  const shutdown = async (signal: string) => {
    log.info({ signal }, 'shutting down');
    await transports.stop();
    await service.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  return 0;
}
