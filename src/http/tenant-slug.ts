/**
 * What a tenant id (the slug in `/webhooks/:platform/:tenant` and `/api/v1/tenants/:tenant/...`) may look like.
 * Anything else cannot name a tenant, so it is answered like an unknown tenant without asking the database
 * (a NUL byte, for one, makes Postgres fail the query instead of finding nothing).
 */
export const TENANT_SLUG_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Longest tenant id, in characters. */
export const TENANT_SLUG_MAX_LENGTH = 63;

export function isTenantSlug(value: unknown): value is string {
  return typeof value === 'string' && TENANT_SLUG_PATTERN.test(value);
}
