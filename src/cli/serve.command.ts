import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { seedDemoTenant } from '../demo/seed-demo-tenant.js';
import { createService, credentialEnvNames } from '../service.js';
import { startTransports } from '../transports.js';

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

  const base = address.replace('0.0.0.0', '127.0.0.1').replace('[::]', '127.0.0.1');
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
