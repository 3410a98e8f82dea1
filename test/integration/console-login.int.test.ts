/** The console login form: only from the console's own page, and slowed down after repeated wrong tokens. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_FAILURE_LIMIT, LOGIN_FAILURE_WINDOW_MS } from '../../src/http/routes/console/console-login-throttle.js';
import type { Service } from '../../src/service.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';
import { ACME, API_TOKEN, ConsoleClient, OTHER, seedConsoleTenants } from './console-seed.js';

describe.each(databaseKinds)('console login on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service;
  let now: Date;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  beforeEach(async () => {
    now = new Date('2026-03-02T02:00:00.000Z');
    service = await createTestService(testDb, { SALESBEAT_API_TOKEN: API_TOKEN }, { clock: () => now });
    await seedConsoleTenants(testDb.database.db);
  });
  afterEach(async () => {
    await service.stop();
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  const login = (token: string, headers: Record<string, string> = {}, tenant = ACME, ip = '127.0.0.1') =>
    new ConsoleClient(service.app).post(`/console/${tenant}/login`, { token }, { 'x-forwarded-for': ip, ...headers });

  it.each<Record<string, string>>([
    { 'sec-fetch-site': 'cross-site', origin: 'http://evil.example' },
    { 'sec-fetch-site': 'same-site' },
    { origin: 'http://evil.example' },
  ])('refuses a cross-site login post (%o) with 403 and no session, even with the right token', async (headers) => {
    const refused = await login(API_TOKEN, headers);
    expect(refused.status).toBe(403);
    expect(refused.headers['set-cookie']).toBeUndefined();
  });

  it('accepts a same-origin login post', async () => {
    const accepted = await login(API_TOKEN, { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80' });
    expect(accepted.status).toBe(303);
    expect(String(accepted.headers['set-cookie'])).toMatch(/^sb_console_/);
  });

  it('answers 429 with Retry-After after repeated wrong tokens, per client IP and tenant, until the window passes', async () => {
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) expect((await login('wrong')).status).toBe(401);
    const throttled = await login(API_TOKEN);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers['retry-after'])).toBe(LOGIN_FAILURE_WINDOW_MS / 1000);
    expect(throttled.headers['set-cookie']).toBeUndefined();
    expect(throttled.body).toContain('Too many failed logins');

    expect((await login(API_TOKEN, {}, ACME, '10.9.9.9')).status).toBe(303);
    expect((await login('wrong', {}, OTHER)).status).toBe(401);

    now = new Date(now.getTime() + LOGIN_FAILURE_WINDOW_MS);
    expect((await login(API_TOKEN)).status).toBe(303);
  });
});
