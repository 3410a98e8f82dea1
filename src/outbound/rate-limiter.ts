/**
 * A token bucket per chat and per app (tenant + platform), so salesbeat stays under the platforms' published
 * send limits instead of learning them from errors. In memory, per process: several service instances
 * each get the full rate (the platform's own rate-limit answer then backs them off).
 */

/** `tokens` sends per `perMs` milliseconds; a burst may use all of them at once. */
export interface Rate {
  tokens: number;
  perMs: number;
}

export interface PlatformRates {
  /** Per chat (Feishu: per user or group; WeCom: per member). */
  perChat: Rate;
  /** Per app, all chats together. */
  perApp: Rate;
}

export const OUTBOUND_RATES: Record<string, PlatformRates> = {
  // 5 QPS per user and per group, shared by all bots; most IM APIs 50/s (NOTES 1.6).
  feishu: { perChat: { tokens: 5, perMs: 1_000 }, perApp: { tokens: 50, perMs: 1_000 } },
  // Robots: 20 messages a minute per conversation (the custom-robot limit, kept as a safe bound) [3P].
  dingtalk: { perChat: { tokens: 20, perMs: 60_000 }, perApp: { tokens: 20, perMs: 1_000 } },
  // 30 messages a minute per member, excess silently dropped; 10 000 calls a minute per corp (NOTES 3.3).
  wecom: { perChat: { tokens: 30, perMs: 60_000 }, perApp: { tokens: 10_000, perMs: 60_000 } },
};

/** Past this many buckets, full (idle) ones are forgotten. */
const MAX_BUCKETS = 10_000;

interface Bucket {
  available: number;
  updatedAt: number;
  rate: Rate;
}

export class OutboundRateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly rates: Record<string, PlatformRates> = OUTBOUND_RATES) {}

  /** Takes a send slot and returns 0, or takes nothing and returns how many ms until one is free. */
  reserve(tenantId: string, platform: string, chatId: string, nowMs: number): number {
    const rates = this.rates[platform];
    if (rates === undefined) return 0;
    const app = this.bucket(`${tenantId}\u0000${platform}`, rates.perApp, nowMs);
    const chat = this.bucket(`${tenantId}\u0000${platform}\u0000${chatId}`, rates.perChat, nowMs);
    const wait = Math.max(waitFor(app), waitFor(chat));
    if (wait > 0) return wait;
    app.available -= 1;
    chat.available -= 1;
    return 0;
  }

  private bucket(key: string, rate: Rate, nowMs: number): Bucket {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      if (this.buckets.size >= MAX_BUCKETS) this.forgetFull(nowMs);
      bucket = { available: rate.tokens, updatedAt: nowMs, rate };
      this.buckets.set(key, bucket);
    }
    refill(bucket, nowMs);
    return bucket;
  }

  private forgetFull(nowMs: number): void {
    for (const [key, bucket] of this.buckets) {
      refill(bucket, nowMs);
      if (bucket.available >= bucket.rate.tokens) this.buckets.delete(key);
    }
  }
}

function refill(bucket: Bucket, nowMs: number): void {
  const elapsed = Math.max(0, nowMs - bucket.updatedAt);
  bucket.available = Math.min(bucket.rate.tokens, bucket.available + (elapsed * bucket.rate.tokens) / bucket.rate.perMs);
  bucket.updatedAt = nowMs;
}

function waitFor(bucket: Bucket): number {
  return bucket.available >= 1 ? 0 : Math.ceil(((1 - bucket.available) * bucket.rate.perMs) / bucket.rate.tokens);
}
