import { describe, expect, it } from 'vitest';
import { LOGIN_FAILURE_LIMIT, LOGIN_FAILURE_WINDOW_MS, LoginThrottle } from '../../src/http/routes/console/console-login-throttle.js';

const at = (ms: number) => new Date(Date.UTC(2026, 2, 2, 2, 0, 0) + ms);

describe('LoginThrottle', () => {
  it('lets a client fail LOGIN_FAILURE_LIMIT times in the window, then asks it to wait until the oldest failure expires', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
      expect(throttle.retryAfterSeconds('acme', '10.0.0.1', at(i * 1000))).toBeUndefined();
      throttle.recordFailure('acme', '10.0.0.1', at(i * 1000));
    }
    expect(throttle.retryAfterSeconds('acme', '10.0.0.1', at(5_000))).toBe(55);
    expect(throttle.retryAfterSeconds('acme', '10.0.0.1', at(LOGIN_FAILURE_WINDOW_MS - 1))).toBe(1);
    expect(throttle.retryAfterSeconds('acme', '10.0.0.1', at(LOGIN_FAILURE_WINDOW_MS))).toBeUndefined();
  });

  it('counts per client IP and per tenant', () => {
    const throttle = new LoginThrottle(2);
    throttle.recordFailure('acme', '10.0.0.1', at(0));
    throttle.recordFailure('acme', '10.0.0.1', at(0));
    expect(throttle.retryAfterSeconds('acme', '10.0.0.1', at(0))).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('acme', '10.0.0.2', at(0))).toBeUndefined();
    expect(throttle.retryAfterSeconds('globex', '10.0.0.1', at(0))).toBeUndefined();
  });

  it('forgets a client’s failures after a successful login', () => {
    const throttle = new LoginThrottle(2);
    throttle.recordFailure('acme', '10.0.0.1', at(0));
    throttle.recordSuccess('acme', '10.0.0.1');
    throttle.recordFailure('acme', '10.0.0.1', at(0));
    expect(throttle.retryAfterSeconds('acme', '10.0.0.1', at(0))).toBeUndefined();
  });

  it('remembers a bounded number of clients, forgetting the longest idle first', () => {
    const throttle = new LoginThrottle(1, LOGIN_FAILURE_WINDOW_MS, 2);
    throttle.recordFailure('acme', 'a', at(0));
    throttle.recordFailure('acme', 'b', at(1));
    throttle.recordFailure('acme', 'c', at(2));
    expect(throttle.retryAfterSeconds('acme', 'a', at(3))).toBeUndefined();
    expect(throttle.retryAfterSeconds('acme', 'b', at(3))).toBeGreaterThan(0);
    expect(throttle.retryAfterSeconds('acme', 'c', at(3))).toBeGreaterThan(0);
  });
});
