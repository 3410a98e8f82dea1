/** JSON schemas shared by the /api/v1 routes: validation of the query string and the OpenAPI document. */

/** Page size when the caller gives none, and the largest accepted. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** Deep offsets are slow and never needed by a person paging; use filters instead. */
export const MAX_OFFSET = 100_000;

export const uuid = { type: 'string', format: 'uuid' } as const;
export const nullableUuid = { type: ['string', 'null'], format: 'uuid' } as const;
export const text = { type: 'string' } as const;
export const nullableText = { type: ['string', 'null'] } as const;
export const integer = { type: 'integer' } as const;
export const nullableInteger = { type: ['integer', 'null'] } as const;
export const instant = { type: 'string', format: 'date-time' } as const;
export const nullableInstant = { type: ['string', 'null'], format: 'date-time' } as const;
export const currency = { type: 'string', description: 'ISO 4217 code of every *_fen amount in the item', examples: ['CNY'] } as const;

/** The tenant id is checked by requireTenant (a malformed one is an unknown tenant: 404, like any other). */
export const tenantParams = {
  type: 'object',
  required: ['tenant'],
  properties: {
    tenant: { type: 'string', description: 'Tenant id (the slug used in webhook URLs): 1–63 of a-z, 0-9, "-", "_", starting with a letter or digit' },
  },
} as const;

export const pageQuery = {
  limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: `Page size, at most ${MAX_PAGE_SIZE}` },
  offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0, description: 'Rows to skip' },
} as const;

/**
 * Query-string schema with the paging parameters and the route's own filters. Strict: a parameter not listed is a
 * 400 naming it (enforced by the strict-query hook in index.ts before validation, since Fastify's Ajv would
 * otherwise strip it silently), and so is a parameter given twice.
 */
export function querySchema(filters: Record<string, object>) {
  return { type: 'object', properties: { ...filters, ...pageQuery }, additionalProperties: false } as const;
}

/** `{items, total, limit, offset}` around the route's item schema. */
export function pageSchema(item: { properties: Record<string, unknown> }) {
  return {
    type: 'object',
    required: ['items', 'total', 'limit', 'offset'],
    properties: {
      items: { type: 'array', items: { type: 'object', required: Object.keys(item.properties), ...item } },
      total: { type: 'integer', description: 'Rows matching the filters, over all pages' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
    },
  } as const;
}

export const errorSchema = {
  type: 'object',
  required: ['error', 'message', 'message_zh'],
  properties: {
    error: { type: 'string', description: 'Stable code: unauthorized, invalid_input, not_found, ...' },
    message: { type: 'string' },
    message_zh: { type: 'string' },
    field: { type: 'string', description: 'The query parameter at fault (400 only)' },
  },
} as const;

/** Every listing answers the same error shapes. */
export function listResponses(item: { properties: Record<string, unknown> }) {
  return {
    200: { description: 'One page of matching rows', ...pageSchema(item) },
    400: { description: 'A query parameter is invalid (`field` names it)', ...errorSchema },
    401: { description: 'Missing or wrong bearer token, or the API is closed (SALESBEAT_API_TOKEN not set)', ...errorSchema },
    404: { description: 'Unknown tenant', ...errorSchema },
  };
}
