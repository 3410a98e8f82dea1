import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { InboundSink } from '../../adapters/contract.js';
import type { Logger } from '../logger.js';
import type { Database } from '../store/db.js';
import type { TenantDirectory } from '../store/tenant-directory.js';
import { answerFrameworkError, installErrorHandler, MAX_PARAM_LENGTH } from './error-handler.js';
import type { Metrics } from './metrics.js';
import { healthRoutes } from './routes/health.route.js';
import { webhookRoutes } from './routes/webhooks.route.js';
import { apiRoutes } from './routes/api/index.js';
import { consoleRoutes } from './routes/console/index.js';

export interface AppDeps {
  database: Database;
  tenants: TenantDirectory;
  sink: InboundSink;
  metrics: Metrics;
  logger: Logger;
  clock: () => Date;
  /** Bearer token for /api/v1; when unset the API answers 401 to everyone except the embedded demo. */
  apiToken?: string;
}

/** Builds the Fastify app from its dependencies; nothing is listening until the caller says so. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    // One log line per request, written by the onResponse hook below (Fastify's own would be two).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    // Router refusals (bad %-encoding, over-long path segment) answer in our error shape, not Fastify's.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: answerFrameworkError,
  });
  installErrorHandler(app);
  app.addHook('onResponse', (request, reply, done) => {
    const line = { method: request.method, url: request.routeOptions.url, status: reply.statusCode, ms: Math.round(reply.elapsedTime) };
    // Accepted webhook deliveries are the hot path (thousands a second, counted in /metrics): logged at debug.
    // Everything else — the API, the console, and every refused or failed webhook — at info.
    if (reply.statusCode < 400 && request.url.startsWith('/webhooks/')) request.log.debug(line, 'request');
    else request.log.info(line, 'request');
    done();
  });
  await app.register(healthRoutes, deps);
  await app.register(webhookRoutes, deps);
  await app.register(apiRoutes, deps);
  await app.register(consoleRoutes, deps);
  return app;
}
