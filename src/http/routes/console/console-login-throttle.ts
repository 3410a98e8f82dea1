/**
 * Failed console logins, counted in memory per client IP and tenant: after LOGIN_FAILURE_LIMIT failures within
 * LOGIN_FAILURE_WINDOW_MS the login answers 429 until the oldest failure leaves the window. A success clears the
 * count. One process only (a restart forgets) — enough to make guessing the API token over the console slow.
 */

/** Failed logins one client may make on one tenant within the window. */
export const LOGIN_FAILURE_LIMIT = 5;
/** The sliding window failed logins are counted in. */
export const LOGIN_FAILURE_WINDOW_MS = 60_000;
/** Clients remembered at most; past it the longest-idle one is forgotten, so a flood cannot grow memory. */
export const LOGIN_THROTTLE_MAX_CLIENTS = 10_000;

export class LoginThrottle {
  private failures = new Map<string, number[]>();

  constructor(
    private readonly limit = LOGIN_FAILURE_LIMIT,
    private readonly windowMs = LOGIN_FAILURE_WINDOW_MS,
    private readonly maxClients = LOGIN_THROTTLE_MAX_CLIENTS,
  ) {}

  /** Seconds the client must wait before trying again, or undefined when it may try now. */
  retryAfterSeconds(tenantId: string, clientIp: string, now: Date): number | undefined {
    const recent = this.recent(keyOf(tenantId, clientIp), now);
    if (recent.length < this.limit) return undefined;
    const oldest = recent[recent.length - this.limit]!;
    return Math.max(1, Math.ceil((oldest + this.windowMs - now.getTime()) / 1000));
  }

  recordFailure(tenantId: string, clientIp: string, now: Date): void {
    const key = keyOf(tenantId, clientIp);
    const recent = this.recent(key, now);
    recent.push(now.getTime());
    this.failures.delete(key); // re-insert: the map's order is then least recently failed first
    this.failures.set(key, recent.slice(-this.limit));
    while (this.failures.size > this.maxClients) {
      const idle = this.failures.keys().next().value;
      if (idle === undefined) break;
      this.failures.delete(idle);
    }
  }

  recordSuccess(tenantId: string, clientIp: string): void {
    this.failures.delete(keyOf(tenantId, clientIp));
  }

  private recent(key: string, now: Date): number[] {
    const since = now.getTime() - this.windowMs;
    const recent = (this.failures.get(key) ?? []).filter((at) => at > since);
    if (recent.length === 0) this.failures.delete(key);
    return recent;
  }
}

function keyOf(tenantId: string, clientIp: string): string {
  return `${tenantId}\u0000${clientIp}`;
}
