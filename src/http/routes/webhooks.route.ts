import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { InboundAdapter, InboundEvent, InboundRequest, IngestResult, Rejection } from '../../../adapters/contract.js';
import { inboundAdapters } from '../../../adapters/registry.js';
import type { Logger } from '../../logger.js';
import type { TenantDirectory } from '../../store/tenant-directory.js';
import type { InboundSink } from '../../../adapters/contract.js';
import type { Metrics } from '../metrics.js';
import { findRepeatedParam, repeatedParamMessage, singleValuedQuery } from '../query-params.js';
import { isTenantSlug, TENANT_SLUG_MAX_LENGTH } from '../tenant-slug.js';

/** Largest webhook body accepted; the platforms' own events are a few KB. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Diagnostic header on every accepted webhook: what became of each event (accepted, duplicate, ignored and why).
 * Platforms ignore it; `salesbeat replay` and operators read it. URL-encoded JSON, so it stays ASCII.
 */
export const RESULT_HEADER = 'x-salesbeat-result';

export interface EventResult {
  status: 'accepted' | 'duplicate';
  kind: string;
  reason?: string;
  inboxId?: string;
}

function describeResults(events: InboundEvent[], results: IngestResult[]): string {
  const described: EventResult[] = results.map((result, i) => {
    const event = events[i]!.event;
    return {
      status: result.status,
      kind: event.kind,
      ...(event.kind === 'ignored' ? { reason: event.reason } : {}),
      ...(result.inboxId ? { inboxId: result.inboxId } : {}),
    };
  });
  return encodeURIComponent(JSON.stringify(described));
}

const acceptedMediaTypes = ['application/json', 'text/xml', 'application/xml', 'text/plain'];

/** Methods a client may send; those an adapter does not take are answered 405 with an Allow header. */
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

/** The methods a webhook URL answers: the adapter's, plus HEAD wherever GET is (Fastify serves HEAD for GET routes). */
export function allowedMethods(adapter: Pick<InboundAdapter, 'methods'>): string[] {
  return HTTP_METHODS.filter((m) => (adapter.methods as string[]).includes(m) || (m === 'HEAD' && adapter.methods.includes('GET')));
}

export interface WebhookDeps {
  tenants: TenantDirectory;
  sink: InboundSink;
  metrics: Metrics;
  clock: () => Date;
  logger: Logger;
}

/**
 * POST|GET /webhooks/:platform/:tenant — the one inbound pipeline:
 * raw body → adapter (verify → handshake → decrypt → parse) → inbox commit (dedup) → ack.
 * Before any adapter runs: a tenant id that cannot be one is an unknown tenant (404, no database query), a query
 * parameter given twice is a 400, and a method the platform never uses is a 405 with an Allow header.
 */
export async function webhookRoutes(app: FastifyInstance, deps: WebhookDeps): Promise<void> {
  // Keep the body as raw bytes: signatures are computed over exactly what was sent.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));

  // Errors raised by Fastify before the handler runs (body too large, ...) are rejections too: count and log them.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const platform = request.url.split('/')[2] ?? 'unknown';
    const tooLarge = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE';
    const code = tooLarge ? 'body_too_large' : 'malformed_body';
    if (!tooLarge && !(error.statusCode && error.statusCode < 500)) throw error;
    deps.metrics.increment('webhook_rejected_total', { platform, code });
    request.log.warn({ platform, code }, `webhook rejected: ${error.message}`);
    return reply.status(tooLarge ? 413 : error.statusCode!).send({
      error: code,
      message: tooLarge ? `request body is larger than ${WEBHOOK_BODY_LIMIT_BYTES} bytes` : error.message,
      message_zh: tooLarge ? `请求体超过 ${WEBHOOK_BODY_LIMIT_BYTES} 字节` : '请求无效',
    });
  });

  for (const adapter of inboundAdapters) {
    for (const method of adapter.methods) {
      app.route({
        method,
        url: `/webhooks/${adapter.platform}/:tenant`,
        bodyLimit: WEBHOOK_BODY_LIMIT_BYTES,
        handler: (request, reply) => handle(adapter, request, reply, deps),
      });
    }
    const allow = allowedMethods(adapter);
    app.route({
      method: HTTP_METHODS.filter((m) => !allow.includes(m)),
      url: `/webhooks/${adapter.platform}/:tenant`,
      bodyLimit: WEBHOOK_BODY_LIMIT_BYTES,
      handler: (request, reply) => {
        deps.metrics.increment('webhook_rejected_total', { platform: adapter.platform, code: 'method_not_allowed' });
        return reply
          .status(405)
          .header('allow', allow.join(', '))
          .send({
            error: 'method_not_allowed',
            message: `${request.method} is not accepted on this webhook; use ${allow.join(', ')}`,
            message_zh: `此回调地址不接受 ${request.method} 请求；请使用 ${allow.join('、')}`,
          });
      },
    });
  }
}

async function handle(adapter: InboundAdapter, request: FastifyRequest, reply: FastifyReply, deps: WebhookDeps) {
  const platform = adapter.platform;
  const tenantId = (request.params as { tenant: string }).tenant;
  const refuse = (rejection: Pick<Rejection, 'status' | 'code' | 'message' | 'messageZh'>) => {
    deps.metrics.increment('webhook_rejected_total', { platform, code: rejection.code });
    request.log.warn({ tenant: tenantId, platform, code: rejection.code }, `webhook rejected: ${rejection.message}`);
    return reply.status(rejection.status).send({ error: rejection.code, message: rejection.message, message_zh: rejection.messageZh });
  };

  if (!isTenantSlug(tenantId)) {
    return refuse({
      status: 404,
      code: 'not_configured',
      message: `unknown tenant: a tenant id is 1 to ${TENANT_SLUG_MAX_LENGTH} lower-case letters, digits, "-" or "_"`,
      messageZh: `租户不存在：租户 ID 由 1 至 ${TENANT_SLUG_MAX_LENGTH} 个小写字母、数字、“-”或“_”组成`,
    });
  }

  if (request.method === 'POST') {
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (!acceptedMediaTypes.includes(mediaType)) {
      return refuse({
        status: 415,
        code: 'unsupported_content_type',
        message: `content type "${mediaType || '(none)'}" is not accepted; send ${acceptedMediaTypes.join(', ')}`,
        messageZh: `不支持的内容类型“${mediaType || '（无）'}”`,
      });
    }
  }

  const repeated = findRepeatedParam(request.query);
  if (repeated !== undefined) return refuse({ status: 400, code: 'malformed_body', ...repeatedParamMessage(repeated) });

  const tenant = await deps.tenants.tenant(tenantId);
  if (!tenant) {
    return refuse({ status: 404, code: 'not_configured', message: `unknown tenant "${tenantId}"`, messageZh: `租户“${tenantId}”不存在` });
  }
  const credentials = (await deps.tenants.credentials(tenantId, platform)) ?? {};

  const inbound: InboundRequest = {
    method: request.method as 'GET' | 'POST',
    query: singleValuedQuery(request.query),
    headers: request.headers as Record<string, string | undefined>,
    rawBody: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
  };
  const outcome = adapter.handleHttp(inbound, { credentials, now: deps.clock() });
  if (outcome.kind === 'rejected') return refuse(outcome);
  if (outcome.kind === 'handshake') {
    deps.metrics.increment('webhook_handshake_total', { platform });
    return reply.status(outcome.reply.status).type(outcome.reply.contentType).send(outcome.reply.body);
  }

  // Committed before the ack: if this throws, the platform gets a 503 and retries; nothing was acked.
  let results: IngestResult[];
  try {
    results = await deps.sink.ingest(tenantId, platform, 'http', outcome.events);
  } catch (error) {
    request.log.error({ err: error, tenant: tenantId, platform }, 'inbox commit failed; not acking so the platform retries');
    return reply
      .status(503)
      .send({ error: 'unavailable', message: 'event not stored, please retry', message_zh: '事件未能保存，请稍后重试' });
  }
  for (const result of results) deps.metrics.increment('webhook_events_total', { platform, status: result.status });
  request.log.debug({ tenant: tenantId, platform, results }, 'webhook committed');
  reply.header(RESULT_HEADER, describeResults(outcome.events, results));
  return reply.status(outcome.reply.status).type(outcome.reply.contentType).send(outcome.reply.body);
}
