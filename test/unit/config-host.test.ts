import { describe, expect, it } from 'vitest';
import { printableBase } from '../../src/cli/serve.command.js';
import { DEFAULT_HOST, readConfig } from '../../src/config.js';

describe('where the service listens', () => {
  it.each([
    [{}, '127.0.0.1'],
    [{ HOST: '' }, '127.0.0.1'],
    [{ HOST: '0.0.0.0' }, '0.0.0.0'],
    [{ HOST: '::' }, '::'],
  ])('with %o listens on %s', (env, host) => {
    expect(readConfig(env, {}).host).toBe(host);
  });

  it('defaults to this machine only', () => {
    expect(DEFAULT_HOST).toBe('127.0.0.1');
  });

  it.each([
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['http://0.0.0.0:3000', 'http://127.0.0.1:3000'],
    ['http://[::]:8080', 'http://127.0.0.1:8080'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['http://192.168.1.20:3000', 'http://192.168.1.20:3000'],
  ])('prints %s as %s', (address, printed) => {
    expect(printableBase(address)).toBe(printed);
  });
});
