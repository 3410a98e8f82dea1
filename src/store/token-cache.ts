/**
 * Platform access tokens, in memory, per tenant and app. A token is reused until `TOKEN_SAFETY_MARGIN_MS`
 * before the expiry the platform announced, so a call never starts with a token about to lapse; concurrent
 * callers needing a new token share one request. Tokens are never written to the database or the logs.
 */
import type { IssuedToken, TokenCache } from '../../adapters/outbound.js';

/** Drop a token this long before the platform says it expires. */
export const TOKEN_SAFETY_MARGIN_MS = 5 * 60_000;

interface Entry {
  token: string;
  expiresAt: number;
}

export class MemoryTokenCache {
  private readonly entries = new Map<string, Entry>();
  private readonly issuing = new Map<string, Promise<string>>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** The view a sender gets: keys are confined to one tenant. */
  forTenant(tenantId: string): TokenCache {
    const scoped = (key: string) => `${tenantId}\u0000${key}`;
    return {
      get: (key, issue) => this.get(scoped(key), issue),
      invalidate: (key, token) => this.invalidate(scoped(key), token),
    };
  }

  async get(key: string, issue: () => Promise<IssuedToken>): Promise<string> {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.expiresAt > this.clock()) return entry.token;
    const pending = this.issuing.get(key);
    if (pending !== undefined) return pending;
    const request = issue()
      .then((issued) => {
        const lifetime = Math.max(0, issued.expiresInSeconds * 1000 - TOKEN_SAFETY_MARGIN_MS);
        this.entries.set(key, { token: issued.token, expiresAt: this.clock() + lifetime });
        return issued.token;
      })
      .finally(() => this.issuing.delete(key));
    this.issuing.set(key, request);
    return request;
  }

  /** Forgets `token` if it is still the cached one (a newer token fetched meanwhile is kept). */
  invalidate(key: string, token: string): void {
    if (this.entries.get(key)?.token === token) this.entries.delete(key);
  }
}
