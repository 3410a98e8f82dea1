/** When a failed outbox row is tried again: exponential back-off with jitter, longer after a rate limit. */

/** After this many attempts a retryable failure is given up and the row ends `failed`. */
export const OUTBOX_MAX_ATTEMPTS = 8;
/** First retry after a temporary failure (then doubled each attempt): 5 s, 10 s, 20 s ... ≈ 10 min in all. */
export const RETRY_BASE_MS = 5_000;
/** First retry after a rate limit (then doubled): 30 s, 1 min, 2 min ... */
export const RATE_LIMITED_BASE_MS = 30_000;
export const MAX_RETRY_DELAY_MS = 60 * 60_000;

/**
 * The wait before the next try after attempt number `attempts` failed. Equal jitter: between half and all of
 * the exponential delay, so workers that failed together do not retry together. Never less than the wait
 * the platform asked for.
 */
export function retryDelayMs(attempts: number, rateLimited: boolean, random: () => number, platformWaitMs = 0): number {
  const base = rateLimited ? RATE_LIMITED_BASE_MS : RETRY_BASE_MS;
  const exponential = Math.min(MAX_RETRY_DELAY_MS, base * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + (random() * exponential) / 2;
  return Math.round(Math.max(jittered, Math.min(platformWaitMs, MAX_RETRY_DELAY_MS)));
}
