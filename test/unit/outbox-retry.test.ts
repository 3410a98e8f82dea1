import { describe, expect, it } from 'vitest';
import { OutboundRateLimiter, WINDOW_SLACK_MS } from '../../src/outbound/rate-limiter.js';
import { MAX_RETRY_DELAY_MS, retryDelayMs } from '../../src/outbound/retry-schedule.js';

describe('retryDelayMs', () => {
  it.each([
    // attempts, rate limited, random, platform wait, expected ms
    [1, false, 0, 0, 2_500],
    [1, false, 0.999999, 0, 5_000],
    [2, false, 0.5, 0, 7_500],
    [4, false, 0, 0, 20_000],
    [1, true, 0, 0, 15_000],
    [3, true, 0.5, 0, 90_000],
    [1, false, 0, 90_000, 90_000],
    [30, false, 0, 0, MAX_RETRY_DELAY_MS / 2],
  ])('after attempt %i (rate limited: %s, jitter %f, platform wait %i) waits %i ms', (attempts, rateLimited, random, platformWait, expected) => {
    expect(retryDelayMs(attempts, rateLimited, () => random, platformWait)).toBe(expected);
  });
});

describe('OutboundRateLimiter', () => {
  it('lets a Feishu chat burst 5 sends, then makes the 6th wait 200 ms, while another chat goes on', () => {
    const limiter = new OutboundRateLimiter();
    const waits = Array.from({ length: 6 }, () => limiter.reserve('acme', 'feishu', 'oc_1', 1_000));

    expect(waits).toEqual([0, 0, 0, 0, 0, 200]);
    expect(limiter.reserve('acme', 'feishu', 'oc_2', 1_000)).toBe(0);
    expect(limiter.reserve('acme', 'feishu', 'oc_1', 1_200)).toBe(0);
  });

  it('limits a WeCom member to 30 a minute (plus slack) and leaves platforms without limits alone', () => {
    const limiter = new OutboundRateLimiter();
    for (let n = 0; n < 30; n += 1) expect(limiter.reserve('acme', 'wecom', 'ZhangSan', 0)).toBe(0);

    expect(limiter.reserve('acme', 'wecom', 'ZhangSan', 0)).toBe(60_000 + WINDOW_SLACK_MS);
    expect(limiter.reserve('acme', 'wecom', 'LiSi', 0)).toBe(0);
    expect(limiter.reserve('acme', 'calls', 'x', 0)).toBe(0);
  });

  it('never lets a WeCom member get more than 30 in any minute or 1000 in any hour, however eagerly a worker sends', () => {
    const limiter = new OutboundRateLimiter();
    const sent: number[] = [];
    for (let now = 0; now < 2 * 3_600_000; now += 500) {
      if (limiter.reserve('acme', 'wecom', 'ZhangSan', now) === 0) sent.push(now);
    }
    const most = (windowMs: number) => Math.max(...sent.map((start) => sent.filter((t) => t >= start && t < start + windowMs).length));

    expect(most(60_000)).toBe(30);
    expect(most(3_600_000)).toBe(1_000);
    // A token bucket alone would have let 30 through at once and then one every 2 s: 59 in the first minute.
    expect(sent.filter((t) => t < 60_000)).toHaveLength(30);
  });
});
