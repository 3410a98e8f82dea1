/** Who may change things through the API: the token is checked before a body is validated, on every tenant. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { upsertTenant } from '../../src/store/tenant.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';

const TOKEN = 'write-auth-token-for-tests';
const auth = { authorization: `Bearer ${TOKEN}` };
const wrong = { authorization: `Bearer ${TOKEN}-nope` };

const writes = [
  { method: 'PUT', url: '/api/v1/tenants/demo/sla-policies/standard', payload: {} },
  { method: 'PUT', url: '/api/v1/tenants/demo/calendar/overrides/2026-11-04', payload: {} },
  { method: 'DELETE', url: '/api/v1/tenants/demo/calendar/overrides/2026-11-04' },
  { method: 'PUT', url: '/api/v1/tenants/acme/sla-policies/standard', payload: { nonsense: true } },
] as const;

describe.each(databaseKinds)('API write authentication on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  beforeEach(async () => {
    service = await createTestService(testDb, { SALESBEAT_API_TOKEN: TOKEN });
    await upsertTenant(testDb.database.db, { id: 'demo', name: '演示公司 Demo Co.' });
    await upsertTenant(testDb.database.db, { id: 'acme', name: 'Acme' });
  });
  afterEach(async () => {
    await service.stop();
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  it.each(writes)('$method $url answers 401 without a token or with a wrong one, before validating the body', async (write) => {
    for (const headers of [{}, wrong]) {
      const response = await service.app.inject({ ...write, headers });
      expect(response.statusCode, response.body).toBe(401);
      expect(response.json()).toMatchObject({ error: 'unauthorized' });
      expect(response.body).not.toContain('validation');
      expect(response.headers['www-authenticate']).toContain('Bearer');
    }
  });

  it('validates the body of a change once the token is right', async () => {
    const response = await service.app.inject({ ...writes[0], headers: auth });
    expect(response.statusCode).toBe(400);
  });

  it('keeps demo reads open without a token but refuses a wrong token there', async () => {
    const read = (headers: Record<string, string>) => service.app.inject({ method: 'GET', url: '/api/v1/tenants/demo/customers', headers });
    expect((await read({})).statusCode).toBe(200);
    expect((await read(auth)).statusCode).toBe(200);
    const refused = await read(wrong);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: 'unauthorized', message: 'invalid API token' });
    expect((await read({ authorization: 'Basic abc' })).statusCode).toBe(401);
  });

  it('refuses every change while SALESBEAT_API_TOKEN is unset, even with a token', async () => {
    const closed = await createTestService(testDb, {});
    try {
      for (const headers of [{}, auth]) {
        const response = await closed.app.inject({ ...writes[0], headers });
        expect(response.statusCode).toBe(401);
        expect(response.json().message).toContain('SALESBEAT_API_TOKEN is not set');
      }
      expect((await closed.app.inject({ method: 'GET', url: '/api/v1/tenants/demo/customers' })).statusCode).toBe(200);
    } finally {
      await closed.stop();
    }
  });
});
