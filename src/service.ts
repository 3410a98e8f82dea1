import type { FastifyInstance } from 'fastify';
import { inboundAdapters } from '../adapters/registry.js';
import type { Config } from './config.js';
import { buildApp } from './http/build.js';
import { Metrics } from './http/metrics.js';
import { InboxProcessor, type InboxEventHandler } from './inbound/inbox-processor.js';
import { InboxSink } from './inbound/inbox-sink.js';
import { createLogger, type Logger } from './logger.js';
import { migrateDatabase, openDatabase, type Database } from './store/db.js';
import { InboxWriter } from './store/inbox-writer.js';
import { TenantDirectory } from './store/tenant-directory.js';
import { saveCredentials, upsertTenant } from './store/tenant.repository.js';
import { captureInboxEvent } from './capture/capture-inbox-event.js';
import { OutboxWorker } from './outbound/outbox-worker.js';
import { JobScheduler } from './jobs/scheduler.js';
import { slaDeadlineJob } from './jobs/sla-deadline.job.js';

/** How often the processor looks for due inbox rows even without a kick (retries, rows left by a crash). */
export const INBOX_POLL_INTERVAL_MS = 2_000;
/** How often the outbox worker looks for due rows (new replies, retries, leases left by a crash). */
export const OUTBOX_POLL_INTERVAL_MS = 1_000;

export interface Service {
  app: FastifyInstance;
  database: Database;
  processor: InboxProcessor;
  /** Sends queued replies to the platforms; polled in the background, or drained explicitly (tests). */
  outbox: OutboxWorker;
  sink: InboxSink;
  /** Scheduled jobs (SLA deadlines), one instance per tick across the cluster; `tick(name)` runs one now. */
  scheduler: JobScheduler;
  tenants: TenantDirectory;
  metrics: Metrics;
  logger: Logger;
  /** Starts background work (inbox polling). Listening is the caller's choice (app.listen). */
  startBackground(): void;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  logger?: Logger;
  clock?: () => Date;
  database?: Database;
  handler?: InboxEventHandler;
  /** The fetch platform calls go through (tests point the base URLs at a local fake platform instead). */
  fetch?: typeof fetch;
}

/** Environment variable names per platform, read from each adapter's contract. */
export function credentialEnvNames(): Record<string, Record<string, string>> {
  return Object.fromEntries(inboundAdapters.map((a) => [a.platform, a.credentialKeys]));
}

export async function createService(config: Config, options: ServiceOptions = {}): Promise<Service> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? (() => new Date());
  const database = options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  await migrateDatabase(database);
  await configureDefaultTenant(database, config);

  const metrics = new Metrics();
  const tenants = new TenantDirectory(database.db);
  const processor = new InboxProcessor(database, options.handler ?? captureInboxEvent, logger, clock);
  // Until startBackground() the inbox is only written, never processed on its own: tests and replay drain it explicitly.
  let background = false;
  const sink = new InboxSink(new InboxWriter(database), () => {
    if (background) processor.kick();
  });
  const outbox = new OutboxWorker({
    database,
    credentials: (tenantId, platform) => tenants.credentials(tenantId, platform),
    baseUrls: config.baseUrls,
    publicUrl: config.publicUrl,
    deliversToConsole: async (tenantId) => (await tenants.tenant(tenantId))?.settings.outboundDelivery === 'console',
    logger,
    clock,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const scheduler = new JobScheduler({ database, jobs: [slaDeadlineJob], logger, clock, publicUrl: config.publicUrl });
  const app = await buildApp({ database, tenants, sink, metrics, logger, clock, apiToken: config.apiToken });

  let poll: NodeJS.Timeout | undefined;
  let outboxPoll: NodeJS.Timeout | undefined;
  return {
    app,
    database,
    processor,
    outbox,
    sink,
    scheduler,
    tenants,
    metrics,
    logger,
    startBackground() {
      background = true;
      processor.kick(); // rows committed before a crash are processed on restart
      poll = setInterval(() => processor.kick(), INBOX_POLL_INTERVAL_MS);
      poll.unref();
      outbox.kick();
      outboxPoll = setInterval(() => outbox.kick(), OUTBOX_POLL_INTERVAL_MS);
      outboxPoll.unref();
      scheduler.start();
    },
    async stop() {
      if (poll) clearInterval(poll);
      if (outboxPoll) clearInterval(outboxPoll);
      await scheduler.stop();
      await app.close();
      await processor.idle();
      await outbox.stop();
      if (!options.database) await database.close();
    },
  };
}

/** The `default` tenant always exists; its credentials come from the environment when set there. */
async function configureDefaultTenant(database: Database, config: Config): Promise<void> {
  await upsertTenant(database.db, { id: 'default', name: 'Default' });
  for (const [platform, credentials] of Object.entries(config.defaultTenantCredentials)) {
    await saveCredentials(database.db, 'default', platform, credentials);
  }
}
