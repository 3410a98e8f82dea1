import path from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { readConfig } from '../config.js';
import { DEMO_CREDENTIALS } from '../demo/demo-credentials.js';
import { seedDemoTenant } from '../demo/seed-demo-tenant.js';
import { collectPayloadFiles } from '../replay/payload-files.js';
import { followCapture } from '../replay/follow-capture.js';
import { printReplaySummary } from '../replay/print-summary.js';
import { replayExitCode, replayHints } from '../replay/replay-outcome.js';
import { replayPayloads, type SendWebhook } from '../replay/replay-payloads.js';
import { parseServiceUrl, sendOverHttp } from '../replay/send-over-http.js';
import { createService, credentialEnvNames } from '../service.js';
import { openDatabase } from '../store/db.js';
import { allCredentials } from '../store/tenant.repository.js';

const usage = 'usage: salesbeat replay <files|folders…> [--url <service>] [--tenant <id>]';

export async function runReplay(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: 'string' }, tenant: { type: 'string' } },
  });
  if (positionals.length === 0) {
    console.error(usage);
    return 2;
  }
  const target = values.url === undefined ? undefined : parseServiceUrl(values.url);
  if (target && 'error' in target) {
    console.error(target.error);
    return 2;
  }
  const files = await collectPayloadFiles(positionals);
  if (files.length === 0) {
    console.error(`no .json or .xml payload files under ${positionals.join(', ')}`);
    return 2;
  }
  const config = readConfig(process.env, credentialEnvNames());
  const relative = (p: string) => path.relative(process.cwd(), p);

  if (target) {
    const tenantId = values.tenant ?? 'default';
    const credentials = await credentialsForRemote(tenantId, config);
    const base = target.url;
    const results = await replayPayloads(files, { tenantId, credentialsFor: (p) => credentials[p] ?? {}, send: sendOverHttp(base), now: () => new Date() });
    printReplaySummary(results, { target: `${base} (tenant ${tenantId})`, relative });
    for (const hint of replayHints(results, { tenantId, tenantGiven: values.tenant !== undefined })) console.error(`\n${hint}`);
    return replayExitCode(results);
  }

  // In-process: the real service on Postgres (DATABASE_URL) or on a throwaway embedded database.
  const tenantId = values.tenant ?? 'demo';
  const service = await createService({ ...config, dataDir: config.databaseUrl ? config.dataDir : 'memory://' }, { logger: pino({ level: 'silent' }) });
  try {
    if (tenantId === 'demo') await seedDemoTenant(service.database.db, new Date());
    else if (!(await service.tenants.tenant(tenantId))) {
      console.error(`unknown tenant "${tenantId}"`);
      return 2;
    }
    const credentials = await allCredentials(service.database.db, tenantId);
    const send: SendWebhook = async (platform, tenant, request) => {
      const response = await service.app.inject({
        method: request.method,
        url: `/webhooks/${platform}/${encodeURIComponent(tenant)}`,
        query: request.query,
        headers: request.headers as Record<string, string>,
        payload: request.rawBody,
      });
      return { status: response.statusCode, headers: response.headers as Record<string, string>, body: response.body };
    };
    const results = await replayPayloads(files, { tenantId, credentialsFor: (p) => credentials[p] ?? {}, send, now: () => new Date() });
    await service.processor.drain();
    const captured = await followCapture(service.database, tenantId, results);
    printReplaySummary(results, {
      target: `in-process service (tenant ${tenantId}, ${config.databaseUrl ? 'Postgres' : 'throwaway embedded database'})`,
      relative,
      captured,
    });
    for (const hint of replayHints(results, { tenantId, tenantGiven: values.tenant !== undefined })) console.error(`\n${hint}`);
    return replayExitCode(results);
  } finally {
    await service.stop();
  }
}

/** For a remote service: the tenant's credentials from its Postgres database when DATABASE_URL is set, else the environment. */
async function credentialsForRemote(tenantId: string, config: ReturnType<typeof readConfig>) {
  if (tenantId === 'demo') return DEMO_CREDENTIALS;
  if (config.databaseUrl) {
    const database = await openDatabase({ url: config.databaseUrl, poolSize: 1 });
    try {
      return await allCredentials(database.db, tenantId);
    } finally {
      await database.close();
    }
  }
  if (tenantId !== 'default') {
    throw new Error(`replaying to tenant "${tenantId}" over --url needs DATABASE_URL (to read its keys); the environment only configures "default", and "demo" has public keys`);
  }
  return config.defaultTenantCredentials;
}
