/**
 * Who may open the console: the embedded demo without login, any other tenant only after logging in with the
 * API token or through a per-user link, one tenant's session never opening another's, posts only from the
 * console's own pages, and everything a name contains shown as text.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';
import { ACME, API_TOKEN, ConsoleClient, DEMO, OTHER, seedConsoleTenants, XSS_NAME, type ConsoleSeed } from './console-seed.js';

describe.each(databaseKinds)('console access on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service;
  let seed: ConsoleSeed;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    service = await createTestService(testDb, { SALESBEAT_API_TOKEN: API_TOKEN });
  });
  beforeEach(async () => {
    seed = await seedConsoleTenants(testDb.database.db);
    service.tenants.invalidate();
  });
  afterEach(async () => {
    await testDb.truncate();
  });
  afterAll(async () => {
    await service.stop();
    await testDb.destroy();
  });

  const client = () => new ConsoleClient(service.app);

  async function loggedIn(tenant: string): Promise<ConsoleClient> {
    const c = client();
    const login = await c.post(`/console/${tenant}/login`, { token: API_TOKEN });
    expect(login.status).toBe(303);
    return c;
  }

  it('opens the demo tenant without login: the users with their roles, a session cookie that is HttpOnly and SameSite=Strict', async () => {
    const page = await client().get(`/console/${DEMO}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('王芳');
    expect(page.body).toContain('主管 supervisor');
    expect(page.body).toContain('张三');
    expect(page.body).not.toContain('Alice Wang');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(/^sb_console_demo=/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/console');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/);
  });

  it('asks for a login on any other tenant, and lets in the API token only', async () => {
    const anonymous = client();
    for (const url of [`/console/${ACME}`, `/console/${ACME}/users/${seed.alice}`]) {
      const page = await anonymous.get(url);
      expect(page.status).toBe(401);
      expect(page.body).toContain('name="token"');
      expect(page.body).not.toContain('Alice Wang');
    }
    const wrong = await anonymous.post(`/console/${ACME}/login`, { token: 'not-the-token' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('令牌无效');
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const c = await loggedIn(ACME);
    const users = await c.get(`/console/${ACME}`);
    expect(users.status).toBe(200);
    expect(users.body).toContain('Alice Wang');
    expect(users.body).not.toContain('Olga Secret');
    expect(users.body).not.toContain('王芳');
    // The admin sees each user's personal link.
    expect(users.body).toMatch(new RegExp(`/console/${ACME}/users/${seed.alice}\\?key=[A-Za-z0-9_-]{43}`));
    expect((await c.get(`/console/${ACME}/users/${seed.alice}`)).status).toBe(200);
  });

  it("never shows one tenant's data with another tenant's session", async () => {
    const c = await loggedIn(ACME);
    const acmeCookie = c.cookies.get(`sb_console_${ACME}`)!;
    // Another tenant's page: no session for it.
    expect((await c.get(`/console/${OTHER}`)).status).toBe(401);
    // The Acme cookie presented as Other's cookie does not open Other: the tenant inside it must match the URL.
    const forged = client();
    forged.cookies.set(`sb_console_${OTHER}`, acmeCookie);
    const page = await forged.get(`/console/${OTHER}`);
    expect(page.status).toBe(401);
    expect(page.body).not.toContain('Olga Secret');
    // A user of Other under Acme's URL is no user of Acme.
    const cross = await c.get(`/console/${ACME}/users/${seed.olga}`);
    expect(cross.status).toBe(404);
    expect(cross.body).not.toContain('Olga Secret');
    // A tampered cookie is no session.
    const tampered = client();
    tampered.cookies.set(`sb_console_${ACME}`, `${acmeCookie.slice(0, -2)}xx`);
    expect((await tampered.get(`/console/${ACME}`)).status).toBe(401);
  });

  it('gives a per-user link access to that user only', async () => {
    const admin = await loggedIn(ACME);
    const users = await admin.get(`/console/${ACME}`);
    const link = new RegExp(`/console/${ACME}/users/${seed.alice}\\?key=([A-Za-z0-9_-]+)`).exec(users.body)![0];
    const key = /key=(.+)$/.exec(link)![1]!;

    const alice = client();
    const inbox = await alice.get(link);
    expect(inbox.status).toBe(200);
    expect(inbox.body).toContain('Alice Wang');
    // The session is Alice's only: the user list sends her to her own inbox, another inbox is refused.
    const list = await alice.get(`/console/${ACME}`);
    expect(list.status).toBe(303);
    expect(list.location).toBe(`/console/${ACME}/users/${seed.alice}`);
    expect((await alice.get(`/console/${ACME}/users/${seed.mallory}`)).status).toBe(403);
    // Alice's key opens neither another user nor another tenant.
    expect((await client().get(`/console/${ACME}/users/${seed.mallory}?key=${key}`)).status).toBe(401);
    expect((await client().get(`/console/${OTHER}/users/${seed.alice}?key=${key}`)).status).toBe(401);
  });

  it('starts at /console with a way into the demo, and opens a tenant by its id', async () => {
    const start = await client().get('/console');
    expect(start.status).toBe(200);
    expect(start.body).toContain('href="/console/demo"');
    const open = await client().get(`/console?tenant=${ACME}`);
    expect(open.status).toBe(303);
    expect(open.location).toBe(`/console/${ACME}`);
    expect((await client().get('/console/assets/console.css')).headers['content-type']).toMatch(/text\/css/);
  });

  it('answers 404 with a page for an unknown tenant or user', async () => {
    const page = await client().get('/console/no-such-tenant');
    expect(page.status).toBe(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('找不到');
    expect((await client().get(`/console/${DEMO}/users/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await client().get(`/console/${DEMO}/users/not-a-uuid`)).status).toBe(404);
  });

  it('refuses posts without the page’s CSRF token or from another site', async () => {
    const c = client();
    await c.get(`/console/${DEMO}/users/${seed.zhangsan}`);
    const url = `/console/${DEMO}/users/${seed.zhangsan}/messages`;
    const form = { as: 'self', chat: 'direct', text: '/help' };
    expect((await c.post(url, form)).status).toBe(403);
    expect((await c.post(url, { ...form, csrf: 'guessed' })).status).toBe(403);
    expect((await c.post(url, { ...form, csrf: c.csrf() }, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await c.post(url, { ...form, csrf: c.csrf() }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // Another browser (no cookie) with a token copied from this page gets nowhere either.
    expect((await client().post(url, { ...form, csrf: c.csrf() })).status).toBe(403);
    const ok = await c.post(url, { ...form, csrf: c.csrf() }, { origin: 'http://localhost' });
    expect(ok.status).toBe(303);
  });

  it('shows names as text, never as markup', async () => {
    const c = await loggedIn(ACME);
    const users = await c.get(`/console/${ACME}`);
    expect(users.body).not.toContain(XSS_NAME);
    expect(users.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const inbox = await c.get(`/console/${ACME}/users/${seed.mallory}`);
    expect(inbox.status).toBe(200);
    expect(inbox.body).not.toContain(XSS_NAME);
  });
});
