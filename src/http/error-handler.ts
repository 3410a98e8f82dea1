import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

/** Fastify's own errors that are the caller's fault, with the message we give instead. */
const frameworkErrors: Record<string, { status: number; code: string; message: string; messageZh: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large', message: 'request body is too large', messageZh: '请求体过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_content_type',
    message: 'unsupported content type',
    messageZh: '不支持的内容类型',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed_body', message: 'empty JSON body', messageZh: 'JSON 请求体为空' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed_body', message: 'body is not valid JSON', messageZh: '请求体不是合法的 JSON' },
};

/** Longest path segment (route parameter) the router accepts; past it Fastify answers before routing. */
export const MAX_PARAM_LENGTH = 100;

/** Errors the router raises before any route or hook runs (Fastify's `frameworkErrors`), with our answer. */
const routingErrors: Record<string, { status: number; code: string; message: string; messageZh: string }> = {
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'bad_url',
    message: 'the URL path is not valid: it holds a malformed percent-encoding (such as %ff or a lone %)',
    messageZh: 'URL 路径不合法：含有错误的百分号编码（如 %ff 或单独的 %）',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'uri_too_long',
    message: `a path segment of the URL is longer than ${MAX_PARAM_LENGTH} characters`,
    messageZh: `URL 路径中有一段超过 ${MAX_PARAM_LENGTH} 个字符`,
  },
};

/**
 * Fastify's `frameworkErrors` option: the router's own refusals (bad percent-encoding, over-long path segment)
 * get our body `{error, message, message_zh}` instead of Fastify's (English only, with its internal code).
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const known = error.code ? routingErrors[error.code] : undefined;
  if (known) {
    request.log.info({ code: known.code, status: known.status }, `request refused by the router: ${known.message}`);
    reply.status(known.status).send({ error: known.code, message: known.message, message_zh: known.messageZh });
    return;
  }
  request.log.error({ err: error }, 'request failed before routing');
  reply.status(500).send({ error: 'internal', message: 'internal error', message_zh: '服务内部错误' });
}

export interface ErrorBody {
  error: string;
  message: string;
  message_zh: string;
  field?: string;
}

/** 4xx answers say exactly what is wrong (en + zh-CN); 5xx answers say nothing and the full error is logged. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      const body: ErrorBody = { error: error.code, message: error.message, message_zh: error.messageZh };
      if ('field' in error && typeof error.field === 'string') body.field = error.field;
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.status(error.status).send(body);
    }
    const known = error.code ? frameworkErrors[error.code] : undefined;
    if (known) {
      return reply.status(known.status).send({ error: known.code, message: known.message, message_zh: known.messageZh });
    }
    if (error.validation) {
      return reply.status(400).send({ error: 'invalid_input', message: error.message, message_zh: `请求参数不合法：${error.message}` });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: 'bad_request', message: error.message, message_zh: '请求无效' });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: 'internal', message: 'internal error', message_zh: '服务内部错误' });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}`, message_zh: '接口不存在' });
  });
}
