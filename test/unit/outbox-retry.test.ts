import { describe, expect, it } from 'vitest';
import { OutboundRateLimiter } from '../../src/outbound/rate-limiter.js';
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

  it('limits a WeCom member to 30 a minute and leaves platforms without limits alone', () => {
    const limiter = new OutboundRateLimiter();
    for (let n = 0; n < 30; n += 1) expect(limiter.reserve('acme', 'wecom', 'ZhangSan', 0)).toBe(0);

    expect(limiter.reserve('acme', 'wecom', 'ZhangSan', 0)).toBe(2_000);
    expect(limiter.reserve('acme', 'calls', 'x', 0)).toBe(0);
  });
});
