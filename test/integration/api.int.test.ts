import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { customers, salesActions, tenants } from '../../src/store/schema/index.js';
import { upsertTenant } from '../../src/store/tenant.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';
import { seedApiTenant, type SeededTenant } from './api-seed.js';

const TOKEN = 'test-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };

interface Page {
  items: Array<Record<string, unknown>>;
  total: number;
  limit: number;
  offset: number;
}

describe.each(databaseKinds)('read API on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service;
  let acme: SeededTenant;
  let globex: SeededTenant;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  beforeEach(async () => {
    service = await createTestService(testDb, { SALESBEAT_API_TOKEN: TOKEN });
    acme = await seedApiTenant(testDb.database.db, 'acme');
    globex = await seedApiTenant(testDb.database.db, 'globex', { currency: 'USD' });
  });
  afterEach(async () => {
    await service.stop();
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  async function get(url: string, headers: Record<string, string> = auth, app = service.app) {
    const response = await app.inject({ method: 'GET', url, headers });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  }

  async function page(url: string): Promise<Page> {
    const { status, body } = await get(url);
    expect(status, JSON.stringify(body)).toBe(200);
    return body as Page;
  }

  describe('authentication', () => {
    it('answers 401 without a token, with a wrong token and with another scheme; 200 with the right one', async () => {
      const missing = await get('/api/v1/tenants/acme/customers', {});
      expect(missing.status).toBe(401);
      expect(missing.body).toEqual({ error: 'unauthorized', message: expect.stringContaining('Bearer'), message_zh: expect.stringContaining('令牌') });
      expect(missing.headers['www-authenticate']).toContain('Bearer');

      const wrong = await get('/api/v1/tenants/acme/customers', { authorization: `Bearer ${TOKEN}x` });
      expect(wrong).toMatchObject({ status: 401, body: { error: 'unauthorized', message: 'invalid API token', message_zh: 'API 令牌无效' } });
      expect((await get('/api/v1/tenants/acme/customers', { authorization: `Basic ${TOKEN}` })).status).toBe(401);
      expect((await get('/api/v1/tenants/acme/customers', { authorization: `bearer ${TOKEN}` })).status).toBe(200);
    });

    it('checks the token before saying whether a tenant exists', async () => {
      expect((await get('/api/v1/tenants/nobody/deals', {})).status).toBe(401);
      const unknown = await get('/api/v1/tenants/nobody/deals');
      expect(unknown).toMatchObject({ status: 404, body: { error: 'not_found', message: 'tenant "nobody" not found', message_zh: '未找到租户“nobody”' } });
    });

    it('is closed to everyone when SALESBEAT_API_TOKEN is not set, except the public demo tenant', async () => {
      const closed = await createTestService(testDb, {});
      try {
        await upsertTenant(testDb.database.db, { id: 'demo', name: '演示公司 Demo Co.' });
        await testDb.database.db.insert(customers).values({ tenantId: 'demo', name: '演示客户' });
        for (const headers of [{}, auth]) {
          const refused = await get('/api/v1/tenants/acme/deals', headers, closed.app);
          expect(refused.status).toBe(401);
          expect(refused.body.message).toContain('SALESBEAT_API_TOKEN is not set');
          expect(refused.body.message_zh).toContain('SALESBEAT_API_TOKEN');
        }
        const demo = await get('/api/v1/tenants/demo/customers', {}, closed.app);
        expect(demo.status).toBe(200);
        expect(demo.body.items.map((c: { name: string }) => c.name)).toEqual(['演示客户']);
      } finally {
        await closed.stop();
      }
    });
  });

  describe('tenant isolation', () => {
    it.each(['customers', 'leads', 'deals', 'actions', 'inbox', 'users'])('GET %s of one tenant never shows the other tenant’s rows', async (resource) => {
      const a = await page(`/api/v1/tenants/acme/${resource}`);
      const g = await page(`/api/v1/tenants/globex/${resource}`);
      expect(a.total).toBeGreaterThan(0);
      expect(a.total).toBe(g.total);
      expect(JSON.stringify(a.items)).not.toContain('globex');
      expect(JSON.stringify(g.items)).not.toContain('acme');
      const ids = new Set(a.items.map((i) => i.id));
      expect(g.items.some((i) => ids.has(i.id))).toBe(false);
    });

    it('finds nothing when one tenant filters by another tenant’s ids', async () => {
      expect((await page(`/api/v1/tenants/globex/deals?owner=${acme.rep}`)).total).toBe(0);
      expect((await page(`/api/v1/tenants/globex/actions?customer=${acme.customer}`)).total).toBe(0);
      expect((await page(`/api/v1/tenants/globex/leads?customer=${acme.customer}`)).total).toBe(0);
    });
  });

  describe('listings and filters', () => {
    it('searches customers by part of the name, case-insensitively, with % taken literally', async () => {
      expect((await page('/api/v1/tenants/acme/customers?q=YUNFAN')).items.map((c) => c.name)).toEqual(['acme Yunfan Tech']);
      expect((await page('/api/v1/tenants/acme/customers?q=100%25')).items.map((c) => c.name)).toEqual(['acme 上海申通精密 100%']);
      expect((await page('/api/v1/tenants/acme/customers?q=%25%25')).total).toBe(0);
    });

    it('gives money as integer fen with the tenant currency (CNY unless set)', async () => {
      const [cny] = (await page('/api/v1/tenants/acme/customers?q=100')).items;
      expect(cny).toMatchObject({ revenue_fen: 123_456_789, currency: 'CNY' });
      const usd = (await page('/api/v1/tenants/globex/deals?status=won')).items;
      expect(usd).toEqual([expect.objectContaining({ id: globex.wonDeal, amount_fen: 1_000_000, currency: 'USD', owner_name: 'globex rep 张三' })]);
    });

    it('filters deals by status, stage and owner', async () => {
      expect((await page('/api/v1/tenants/acme/deals?status=won')).items.map((d) => d.title)).toEqual(['acme deal won']);
      expect((await page('/api/v1/tenants/acme/deals?stage=need_consensus')).items.map((d) => d.title)).toEqual(['acme deal open']);
      const byRep = await page(`/api/v1/tenants/acme/deals?owner=${acme.rep}`);
      expect(byRep.items.map((d) => d.title).sort()).toEqual(['acme deal lost', 'acme deal won']);
      expect((await page(`/api/v1/tenants/acme/deals?owner=${acme.rep}&status=lost`)).total).toBe(1);
    });

    it('filters leads by status and customer', async () => {
      expect((await page('/api/v1/tenants/acme/leads?status=lost')).items.map((l) => l.title)).toEqual(['acme lead lost']);
      expect((await page(`/api/v1/tenants/acme/leads?customer=${acme.customer}`)).items.map((l) => l.title)).toEqual(['acme lead open']);
    });

    it('filters actions by lead, customer, actor, kind and time, most recent first', async () => {
      const all = await page('/api/v1/tenants/acme/actions');
      expect(all.items.map((a) => a.summary)).toEqual(['acme action 4', 'acme action 3', 'acme action 2', 'acme action 1']);
      expect((await page(`/api/v1/tenants/acme/actions?lead=${acme.lead}`)).total).toBe(2);
      expect((await page(`/api/v1/tenants/acme/actions?customer=${acme.otherCustomer}`)).items.map((a) => a.summary)).toEqual(['acme action 3']);
      expect((await page(`/api/v1/tenants/acme/actions?actor=${acme.rep}`)).total).toBe(4);
      expect((await page(`/api/v1/tenants/acme/actions?actor=${acme.supervisor}`)).total).toBe(0);
      expect((await page('/api/v1/tenants/acme/actions?kind=call')).items.map((a) => a.summary)).toEqual(['acme action 3']);
      // A date is a whole day in the tenant's time zone (Asia/Shanghai).
      expect((await page('/api/v1/tenants/acme/actions?from=2026-03-02&to=2026-03-03')).items.map((a) => a.summary)).toEqual(['acme action 3', 'acme action 2']);
      expect((await page('/api/v1/tenants/acme/actions?to=2026-03-01')).items.map((a) => a.summary)).toEqual(['acme action 1']);
      // A date-time is an instant, both bounds inclusive.
      const instants = await page('/api/v1/tenants/acme/actions?from=2026-03-01T16:30:00Z&to=2026-03-03T10:00:00%2B08:00');
      expect(instants.items.map((a) => a.summary)).toEqual(['acme action 3', 'acme action 2']);
    });

    it('reads a date in the tenant’s own time zone', async () => {
      await testDb.database.db.insert(tenants).values({ id: 'london', name: 'London Ltd', timezone: 'Europe/London' });
      await testDb.database.db.insert(salesActions).values({
        tenantId: 'london',
        kind: 'note',
        occurredAt: new Date('2026-07-01T23:30:00.000Z'), // 00:30 on 2 July in London (BST, UTC+1)
        channel: 'bot_log',
        platform: 'console',
        sourceRef: 'london:1',
      });
      expect((await page('/api/v1/tenants/london/actions?from=2026-07-02&to=2026-07-02')).total).toBe(1);
      expect((await page('/api/v1/tenants/london/actions?from=2026-07-01&to=2026-07-01')).total).toBe(0);
    });

    it('shows inbox rows for diagnosis without their payloads, filtered by status and platform', async () => {
      const failed = await page('/api/v1/tenants/acme/inbox?status=failed');
      expect(failed.items).toEqual([
        {
          id: expect.any(String),
          platform: 'dingtalk',
          transport: 'http',
          dedup_key: 'acme-evt-3',
          vendor_type: 'im.message.receive_v1',
          kind: 'message.received',
          status: 'failed',
          ignore_reason: null,
          attempts: 3,
          last_error: 'boom',
          received_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
          processed_at: null,
        },
      ]);
      expect((await page('/api/v1/tenants/acme/inbox?platform=wecom')).items.map((e) => e.ignore_reason)).toEqual(['unsupported event type']);
      const { body } = await get('/api/v1/tenants/acme/inbox');
      expect(JSON.stringify(body)).not.toMatch(/secret|raw payload/);
    });

    it('lists users with their role and supervisor', async () => {
      const reps = await page('/api/v1/tenants/acme/users?role=rep');
      expect(reps.items).toEqual([expect.objectContaining({ id: acme.rep, name: 'acme rep 张三', role: 'rep', supervisor_id: null })]);
    });

    it('pages with limit and offset and reports the total', async () => {
      const first = await page('/api/v1/tenants/acme/deals?limit=2');
      const second = await page('/api/v1/tenants/acme/deals?limit=2&offset=2');
      expect(first).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(first.items).toHaveLength(2);
      expect(second).toMatchObject({ total: 3, limit: 2, offset: 2 });
      expect(second.items).toHaveLength(1);
      expect(await page('/api/v1/tenants/acme/deals')).toMatchObject({ limit: 50, offset: 0 });
    });
  });

  describe('bad filters', () => {
    it.each([
      ['deals?limit=0', 'limit'],
      ['deals?limit=201', 'limit'],
      ['deals?limit=ten', 'limit'],
      ['deals?offset=-1', 'offset'],
      ['deals?status=pending', 'status'],
      ['deals?owner=42', 'owner'],
      ['deals?stage=DROP%20TABLE', 'stage'],
      ['leads?status=maybe', 'status'],
      ['actions?kind=fax', 'kind'],
      ['actions?lead=not-a-uuid', 'lead'],
      ['actions?from=yesterday', 'from'],
      ['actions?from=2026-02-30', 'from'],
      ['actions?to=2026-03-01T10:00:00', 'to'],
      ['actions?from=2026-03-05&to=2026-03-01', 'to'],
      ['inbox?platform=slack', 'platform'],
      ['inbox?status=done', 'status'],
      ['users?role=ceo', 'role'],
    ])('GET %s → 400 naming %s in English and Chinese', async (query, field) => {
      const { status, body } = await get(`/api/v1/tenants/acme/${query}`);
      expect(status).toBe(400);
      expect(body).toEqual({ error: 'invalid_input', field, message: expect.stringContaining(`"${field}"`), message_zh: expect.stringContaining(`“${field}”`) });
    });
  });

  describe('OpenAPI', () => {
    it('serves an OpenAPI 3 document at /docs/json describing every route, its filters and its answers', async () => {
      const { status, body: doc } = await get('/docs/json', {});
      expect(status).toBe(200);
      expect(doc.openapi).toMatch(/^3\.0\.\d$/);
      expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
      expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
      const expected = { customers: ['q'], leads: ['status', 'owner', 'customer'], deals: ['status', 'stage', 'owner', 'customer'], actions: ['lead', 'customer', 'actor', 'kind', 'from', 'to'], inbox: ['status', 'platform'], users: ['role'] };
      const adminPaths = ['calendar', 'calendar/overrides/{day}', 'sla-policies', 'sla-policies/{leadClass}'];
      expect(Object.keys(doc.paths).sort()).toEqual([...Object.keys(expected), ...adminPaths].map((r) => `/api/v1/tenants/{tenant}/${r}`).sort());
      for (const [resource, filters] of Object.entries(expected)) {
        const operation = doc.paths[`/api/v1/tenants/{tenant}/${resource}`].get;
        const parameters = operation.parameters.map((p: { in: string; name: string }) => `${p.in}:${p.name}`);
        expect(parameters).toEqual(expect.arrayContaining(['path:tenant', 'query:limit', 'query:offset', ...filters.map((f) => `query:${f}`)]));
        expect(Object.keys(operation.responses).sort()).toEqual(['200', '400', '401', '404']);
        const item = operation.responses['200'].content['application/json'].schema.properties.items.items;
        expect(item.properties.id).toMatchObject({ type: 'string', format: 'uuid' });
      }
      expect((await service.app.inject({ url: '/docs' })).statusCode).toBeLessThan(400);
    });
  });
});
