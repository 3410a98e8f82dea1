/**
 * A token bucket per chat and per app (tenant + platform), so salesbeat stays under the platforms' published
 * send limits instead of learning them from errors; and, where a platform drops the excess without an error
 * (WeCom, per member), sliding windows that never let more than the limit through in any window — a bucket
 * alone could burst its full size and then refill within the same minute. "Chat" is `recipientKey`: the
 * group, or the person a card goes to. In memory, per process: several service instances each get the full
 * rate (the platform's own rate-limit answer then backs them off). Where the platform drops silently (WeCom
 * members) that is not enough: N instances could send N × the limit to one member in a burst; a limit shared
 * through the database would be needed for that (not built).
 */

/** `tokens` sends per `perMs` milliseconds; a burst may use all of them at once. */
export interface Rate {
  tokens: number;
  perMs: number;
}

/** At most `max` sends in any `windowMs` (a sliding window over the send times). */
export interface SendWindow {
  max: number;
  windowMs: number;
}

export interface PlatformRates {
  /** Per chat (Feishu: per user or group; WeCom: per member). */
  perChat: Rate;
  /** Per app, all chats together. */
  perApp: Rate;
  /** Hard per-chat limits where the platform drops the excess silently. */
  perChatWindows?: SendWindow[];
}

/** Windows are this much longer than the platform's: a send may be counted by the platform a little after we sent it. */
export const WINDOW_SLACK_MS = 1_000;
export const WECOM_MEMBER_PER_MINUTE = 30;
export const WECOM_MEMBER_PER_HOUR = 1_000;

export const OUTBOUND_RATES: Record<string, PlatformRates> = {
  // 5 QPS per user and per group, shared by all bots; most IM APIs 50/s (NOTES 1.6).
  feishu: { perChat: { tokens: 5, perMs: 1_000 }, perApp: { tokens: 50, perMs: 1_000 } },
  // Robots: 20 messages a minute per conversation (the custom-robot limit, kept as a safe bound) [3P].
  dingtalk: { perChat: { tokens: 20, perMs: 60_000 }, perApp: { tokens: 20, perMs: 1_000 } },
  // 30 a minute and 1000 an hour per member, excess silently dropped; 10 000 calls a minute per corp (NOTES 3.3, PITFALLS 24).
  wecom: {
    perChat: { tokens: WECOM_MEMBER_PER_MINUTE, perMs: 60_000 },
    perApp: { tokens: 10_000, perMs: 60_000 },
    perChatWindows: [
      { max: WECOM_MEMBER_PER_MINUTE, windowMs: 60_000 + WINDOW_SLACK_MS },
      { max: WECOM_MEMBER_PER_HOUR, windowMs: 3_600_000 + WINDOW_SLACK_MS },
    ],
  },
};

/** Past this many buckets (or send logs), idle ones are forgotten. */
const MAX_BUCKETS = 10_000;

interface Bucket {
  available: number;
  updatedAt: number;
  rate: Rate;
}

/** Send times of one chat, oldest first, kept for the longest of its windows. */
interface SendLog {
  times: number[];
  windows: SendWindow[];
}

export class OutboundRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly logs = new Map<string, SendLog>();

  constructor(private readonly rates: Record<string, PlatformRates> = OUTBOUND_RATES) {}

  /** Takes a send slot and returns 0, or takes nothing and returns how many ms until one is free. */
  reserve(tenantId: string, platform: string, chatId: string, nowMs: number): number {
    const rates = this.rates[platform];
    if (rates === undefined) return 0;
    const chatKey = `${tenantId}\u0000${platform}\u0000${chatId}`;
    const app = this.bucket(`${tenantId}\u0000${platform}`, rates.perApp, nowMs);
    const chat = this.bucket(chatKey, rates.perChat, nowMs);
    const log = rates.perChatWindows === undefined ? undefined : this.log(chatKey, rates.perChatWindows, nowMs);
    const wait = Math.max(waitFor(app), waitFor(chat), log === undefined ? 0 : windowWait(log, nowMs));
    if (wait > 0) return wait;
    app.available -= 1;
    chat.available -= 1;
    log?.times.push(nowMs);
    return 0;
  }

  private log(key: string, windows: SendWindow[], nowMs: number): SendLog {
    let log = this.logs.get(key);
    if (log === undefined) {
      if (this.logs.size >= MAX_BUCKETS) this.forgetIdleLogs(nowMs);
      log = { times: [], windows };
      this.logs.set(key, log);
    }
    prune(log, nowMs);
    return log;
  }

  private forgetIdleLogs(nowMs: number): void {
    for (const [key, log] of this.logs) {
      prune(log, nowMs);
      if (log.times.length === 0) this.logs.delete(key);
    }
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

function prune(log: SendLog, nowMs: number): void {
  const longest = Math.max(...log.windows.map((w) => w.windowMs));
  const keepFrom = log.times.findIndex((t) => t > nowMs - longest);
  log.times.splice(0, keepFrom === -1 ? log.times.length : keepFrom);
}

/** 0 when one more send now stays within every window, else the ms until the send that blocks it leaves its window. */
function windowWait(log: SendLog, nowMs: number): number {
  let wait = 0;
  for (const window of log.windows) {
    const inWindow = log.times.filter((t) => t > nowMs - window.windowMs);
    if (inWindow.length < window.max) continue;
    const mustLeave = inWindow[inWindow.length - window.max]!;
    wait = Math.max(wait, mustLeave + window.windowMs - nowMs);
  }
  return wait;
}

function waitFor(bucket: Bucket): number {
  return bucket.available >= 1 ? 0 : Math.ceil(((1 - bucket.available) * bucket.rate.perMs) / bucket.rate.tokens);
}
