import { describe, expect, it } from 'vitest';
import { MemoryTokenCache, TOKEN_SAFETY_MARGIN_MS } from '../../src/store/token-cache.js';

function issuer() {
  let issued = 0;
  const issue = async () => {
    issued += 1;
    return { token: `t-${issued}`, expiresInSeconds: 7200 };
  };
  return { issue, count: () => issued };
}

describe('MemoryTokenCache', () => {
  it('reuses a token until the safety margin before its expiry, then issues a new one', async () => {
    let now = 0;
    const cache = new MemoryTokenCache(() => now).forTenant('acme');
    const { issue, count } = issuer();

    expect(await cache.get('feishu:cli_1', issue)).toBe('t-1');
    now = 7200_000 - TOKEN_SAFETY_MARGIN_MS - 1;
    expect(await cache.get('feishu:cli_1', issue)).toBe('t-1');
    now = 7200_000 - TOKEN_SAFETY_MARGIN_MS;
    expect(await cache.get('feishu:cli_1', issue)).toBe('t-2');
    expect(count()).toBe(2);
  });

  it('shares one token request between concurrent callers', async () => {
    const cache = new MemoryTokenCache(() => 0).forTenant('acme');
    const { issue, count } = issuer();

    const tokens = await Promise.all([cache.get('k', issue), cache.get('k', issue), cache.get('k', issue)]);

    expect(tokens).toEqual(['t-1', 't-1', 't-1']);
    expect(count()).toBe(1);
  });

  it('invalidates only the token that was refused, and keeps tenants apart', async () => {
    const store = new MemoryTokenCache(() => 0);
    const acme = store.forTenant('acme');
    const globex = store.forTenant('globex');
    const { issue, count } = issuer();

    expect(await acme.get('k', issue)).toBe('t-1');
    expect(await globex.get('k', issue)).toBe('t-2');
    acme.invalidate('k', 't-old'); // a stale refusal does not drop the current token
    expect(await acme.get('k', issue)).toBe('t-1');
    acme.invalidate('k', 't-1');
    expect(await acme.get('k', issue)).toBe('t-3');
    expect(await globex.get('k', issue)).toBe('t-2');
    expect(count()).toBe(3);
  });
});
