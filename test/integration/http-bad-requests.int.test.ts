/**
 * Requests a tester found answered with a 500, with Fastify's own error body, or with a silent 200: every one of them
 * now gets a 4xx in our shape `{error, message, message_zh}`, and nothing reaches the database it should not.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Service } from '../../src/service.js';
import { saveCredentials, upsertTenant } from '../../src/store/tenant.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';

const TOKEN = 'test-token-0123456789abcdef';
const auth = { authorization: `Bearer ${TOKEN}` };
const credentials = {
  wecom: { corpId: 'wwcorp0001', agentId: '1000002', secret: 's', token: 'wecomtoken', encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' },
  dingtalk: { clientId: 'dingclient', clientSecret: 's', callbackToken: 'dingtoken', callbackAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' },
};

interface ErrorBody {
  error: string;
  message: string;
  message_zh: string;
  field?: string;
}

/** Our error shape: a stable code, English and Chinese, never Fastify's code or a stack trace. */
function expectOurError(body: string, code: string): ErrorBody {
  const parsed = JSON.parse(body) as ErrorBody & Record<string, unknown>;
  expect(parsed.error).toBe(code);
  expect(parsed.message.length).toBeGreaterThan(5);
  expect(parsed.message_zh).toMatch(/[\u4e00-\u9fff]/);
  expect(Object.keys(parsed).sort()).toEqual(['error', 'message', 'message_zh', ...(parsed.field ? ['field'] : [])].sort());
  expect(body).not.toMatch(/FST_|statusCode|at .*\.(ts|js):\d+/);
  return parsed;
}

describe.each(databaseKinds)('bad HTTP requests on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  beforeEach(async () => {
    service = await createTestService(testDb, { SALESBEAT_API_TOKEN: TOKEN });
    await upsertTenant(testDb.database.db, { id: 'demo', name: 'Demo' });
    for (const [platform, creds] of Object.entries(credentials)) await saveCredentials(testDb.database.db, 'demo', platform, creds);
  });
  afterEach(async () => {
    await service.stop();
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  const inboxCount = async () => Number((await testDb.database.query<{ n: string }>('select count(*) as n from inbox_events'))[0]!.n);

  describe('webhooks without a valid signature', () => {
    it('answers WeCom XML nested 101+ levels deep with 400 malformed_body, not a parser crash', async () => {
      const deep = `<xml>${'<a>'.repeat(120)}x${'</a>'.repeat(120)}</xml>`;
      const response = await service.app.inject({
        method: 'POST',
        url: '/webhooks/wecom/demo?msg_signature=x&timestamp=1&nonce=1',
        headers: { 'content-type': 'text/xml' },
        payload: deep,
      });
      expect(response.statusCode).toBe(400);
      expect(expectOurError(response.body, 'malformed_body').message).toContain('nested');
      expect(await inboxCount()).toBe(0);
    });

    it.each([
      ['dingtalk', '?signature=A&signature=B&timestamp=1700000000000&nonce=n', 'signature'],
      ['wecom', '?msg_signature=a&timestamp=1&timestamp=2&nonce=n', 'timestamp'],
      ['feishu', '?x=1&x=2', 'x'],
    ])('answers a query parameter given twice on %s with 400 malformed_body naming it, before the adapter runs', async (platform, query, name) => {
      const response = await service.app.inject({
        method: 'POST',
        url: `/webhooks/${platform}/demo${query}`,
        headers: { 'content-type': 'application/json' },
        payload: '{"encrypt":"x"}',
      });
      expect(response.statusCode).toBe(400);
      const body = expectOurError(response.body, 'malformed_body');
      expect(body.message).toContain(`"${name}"`);
      expect(body.message).toContain('more than once');
      expect(body.message_zh).toContain(`“${name}”`);
      expect(service.metrics.value('webhook_rejected_total', { platform, code: 'malformed_body' })).toBe(1);
    });

    it.each(['a%00b', 'Demo', '-demo', 'de%20mo', 'd%C3%A9mo', 'a'.repeat(64)])(
      'answers the malformed tenant id %s with 404 not_configured without asking the database',
      async (tenant) => {
        const lookup = vi.spyOn(service.tenants, 'tenant');
        const response = await service.app.inject({
          method: 'POST',
          url: `/webhooks/feishu/${tenant}`,
          headers: { 'content-type': 'application/json' },
          payload: '{}',
        });
        expect(response.statusCode).toBe(404);
        expect(expectOurError(response.body, 'not_configured').message).toContain('unknown tenant');
        expect(lookup).not.toHaveBeenCalled();
      },
    );

    it('still finds the tenants the service creates (default, demo) and 63-character slugs', async () => {
      await upsertTenant(testDb.database.db, { id: `x${'-'.repeat(61)}9`, name: 'Long' });
      for (const tenant of ['default', 'demo', `x${'-'.repeat(61)}9`]) {
        const response = await service.app.inject({ method: 'POST', url: `/webhooks/wecom/${tenant}`, headers: { 'content-type': 'text/xml' }, payload: '<xml/>' });
        expect(JSON.parse(response.body).message).not.toContain('unknown tenant');
      }
    });
  });

  describe('URLs the router refuses', () => {
    it.each([
      ['a path segment over 100 characters on a webhook', 'POST', `/webhooks/feishu/${'a'.repeat(101)}`, 414, 'uri_too_long'],
      ['a path segment over 100 characters on the API', 'GET', `/api/v1/tenants/${'a'.repeat(101)}/deals`, 414, 'uri_too_long'],
      ['%ff in the path', 'GET', '/webhooks/feishu/%ff', 400, 'bad_url'],
      ['a lone % in the path', 'POST', '/api/v1/tenants/demo%/deals', 400, 'bad_url'],
    ] as const)('answers %s in our error shape (%s %s → %i)', async (_name, method, url, status, code) => {
      const response = await service.app.inject({ method, url, headers: { 'content-type': 'application/json' }, payload: method === 'POST' ? '{}' : undefined });
      expect(response.statusCode).toBe(status);
      expectOurError(response.body, code);
    });
  });

  describe('API query strings', () => {
    const get = async (url: string) => {
      const response = await service.app.inject({ method: 'GET', url, headers: auth });
      return { status: response.statusCode, body: response.body };
    };

    it.each([
      ['actions?bogus=1', 'bogus', 'is not known here'],
      ['deals?stauts=won', 'stauts', 'is not known here'],
      ['customers?q=a&page=2', 'page', 'is not known here'],
      ['deals?stage=nope', 'stage', 'must be one of: need_consensus, budget_approved, solution_comparison, internal_report, legal_review, payment_commitment, delivery_kickoff'],
      ['inbox?kind=zzz', 'kind', 'must be one of: message.received, contact.added'],
      ['deals?limit=1&limit=2', 'limit', 'was given more than once'],
      ['actions?kind=call&kind=visit', 'kind', 'was given more than once'],
      ['inbox?kind=ignored&kind=call.ended', 'kind', 'was given more than once'],
    ])('GET %s → 400 naming "%s" in English and Chinese', async (query, field, says) => {
      const { status, body } = await get(`/api/v1/tenants/demo/${query}`);
      expect(status).toBe(400);
      const parsed = expectOurError(body, 'invalid_input');
      expect(parsed).toMatchObject({ field, message: expect.stringContaining(`"${field}"`), message_zh: expect.stringContaining(`“${field}”`) });
      expect(parsed.message).toContain(says);
    });

    it('accepts every stage key and every domain event kind', async () => {
      for (const stage of ['need_consensus', 'budget_approved', 'internal_report', 'legal_review', 'payment_commitment', 'delivery_kickoff']) {
        expect((await get(`/api/v1/tenants/demo/deals?stage=${stage}`)).status).toBe(200);
      }
      for (const kind of ['message.received', 'contact.removed', 'meeting.started', 'card.action', 'ignored']) {
        expect((await get(`/api/v1/tenants/demo/inbox?kind=${kind}`)).status).toBe(200);
      }
    });

    it('answers a malformed tenant id like an unknown tenant (404) without asking the database, after the token check', async () => {
      const lookup = vi.spyOn(service.tenants, 'tenant');
      expect((await service.app.inject({ method: 'GET', url: '/api/v1/tenants/a%00b/deals' })).statusCode).toBe(401);
      for (const tenant of ['a%00b', 'Demo', 'a'.repeat(64)]) {
        const { status, body } = await get(`/api/v1/tenants/${tenant}/deals`);
        expect(status).toBe(404);
        expect(expectOurError(body, 'not_found').message).toContain('unknown tenant');
      }
      expect(lookup).not.toHaveBeenCalled();
    });
  });

  describe('wrong HTTP method on a webhook', () => {
    it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'] as const)('answers %s /webhooks/feishu/demo with 405 and Allow: POST', async (method) => {
      const response = await service.app.inject({ method, url: '/webhooks/feishu/demo' });
      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toBe('POST');
      if (method !== 'HEAD') expect(expectOurError(response.body, 'method_not_allowed').message).toContain(method);
    });

    it('lists GET and HEAD too where the platform verifies its URL with a GET (WeCom)', async () => {
      const response = await service.app.inject({ method: 'PUT', url: '/webhooks/wecom/demo', headers: { 'content-type': 'text/xml' }, payload: '<xml/>' });
      expect(response.statusCode).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD, POST');
      expectOurError(response.body, 'method_not_allowed');
    });
  });
});
