/** Seed data and an app.inject client with a cookie jar, shared by the console suites (not a test file itself). */
import type { FastifyInstance } from 'fastify';
import { leadOverdueCard } from '../../cards/lead-overdue.card.js';
import type { Card } from '../../src/core/card.js';
import type { Db } from '../../src/store/db.js';
import { enqueueOutbox } from '../../src/store/outbox.repository.js';
import { contacts, customers, deals, leads, reportingLines, users } from '../../src/store/schema/index.js';
import { upsertTenant } from '../../src/store/tenant.repository.js';

export const DEMO = 'demo';
export const ACME = 'acme';
export const OTHER = 'other';
export const API_TOKEN = 'console-test-token-0123456789';
export const XSS_NAME = '<img src=x onerror=alert(1)>';

export interface ConsoleSeed {
  wangfang: string;
  zhangsan: string;
  lisi: string;
  shentong: string;
  chen: string;
  lead: string;
  deal: string;
  alice: string;
  mallory: string;
  olga: string;
}

/** The open demo (a small one: no Maven import), and two tenants that need a login. */
export async function seedConsoleTenants(db: Db): Promise<ConsoleSeed> {
  await upsertTenant(db, { id: DEMO, name: '演示公司 Demo Co.', settings: { demo: true, outboundDelivery: 'console' } });
  await upsertTenant(db, { id: ACME, name: 'Acme Sales' });
  await upsertTenant(db, { id: OTHER, name: 'Other Sales' });
  const [wangfang, zhangsan, lisi] = await db
    .insert(users)
    .values([
      { tenantId: DEMO, name: '王芳', role: 'supervisor' },
      { tenantId: DEMO, name: '张三', role: 'rep' },
      { tenantId: DEMO, name: '李四', role: 'rep' },
    ])
    .returning({ id: users.id });
  await db.insert(reportingLines).values([
    { tenantId: DEMO, userId: zhangsan!.id, supervisorId: wangfang!.id },
    { tenantId: DEMO, userId: lisi!.id, supervisorId: wangfang!.id },
  ]);
  const [shentong] = await db.insert(customers).values({ tenantId: DEMO, name: '上海申通精密制造有限公司' }).returning({ id: customers.id });
  const [chen] = await db.insert(contacts).values({ tenantId: DEMO, customerId: shentong!.id, name: '陈经理', title: '采购经理' }).returning({ id: contacts.id });
  const [lead] = await db
    .insert(leads)
    .values({ tenantId: DEMO, customerId: shentong!.id, ownerId: zhangsan!.id, title: '申通 CNC 产线改造', source: 'manual', createdAt: new Date('2026-03-02T01:00:00Z') })
    .returning({ id: leads.id });
  const [deal] = await db
    .insert(deals)
    .values({ tenantId: DEMO, customerId: shentong!.id, leadId: lead!.id, ownerId: zhangsan!.id, title: '申通 CNC', stage: 'proposal' })
    .returning({ id: deals.id });
  const [alice, mallory] = await db
    .insert(users)
    .values([
      { tenantId: ACME, name: 'Alice Wang', role: 'rep' },
      { tenantId: ACME, name: XSS_NAME, role: 'rep' },
    ])
    .returning({ id: users.id });
  const [olga] = await db.insert(users).values({ tenantId: OTHER, name: 'Olga Secret', role: 'supervisor' }).returning({ id: users.id });
  return {
    wangfang: wangfang!.id,
    zhangsan: zhangsan!.id,
    lisi: lisi!.id,
    shentong: shentong!.id,
    chen: chen!.id,
    lead: lead!.id,
    deal: deal!.id,
    alice: alice!.id,
    mallory: mallory!.id,
    olga: olga!.id,
  };
}

export const TIME_ZONE = 'Asia/Shanghai';

/** The overdue card of the seeded lead, for its owner or their supervisor, as the SLA job would queue it (platform console). */
export async function queueOverdueCard(db: Db, seed: ConsoleSeed, audience: 'owner' | 'supervisor', now: Date, baseUrl = 'http://127.0.0.1'): Promise<Card> {
  const card = leadOverdueCard(
    {
      lead: { id: seed.lead, name: '申通 CNC 产线改造', url: `${baseUrl}/console/${DEMO}/leads/${seed.lead}` },
      customerName: '上海申通精密制造有限公司',
      owner: { id: seed.zhangsan, name: '张三' },
      step: { key: 'first_response', name: { zh: '首次响应', en: 'First response' } },
      dueAt: new Date(now.getTime() - 45 * 60_000),
      lateWorkingMinutes: 45,
      audience,
    },
    now,
    TIME_ZONE,
  );
  const recipient = audience === 'supervisor' ? seed.wangfang : seed.zhangsan;
  await enqueueOutbox(db, { tenantId: DEMO, platform: 'console', kind: 'card', recipient: { userId: recipient }, payload: { card }, dedupKey: `card:${card.id}:${recipient}` });
  return card;
}

export interface Page {
  status: number;
  body: string;
  location: string | undefined;
  headers: Record<string, unknown>;
}

/** A browser stand-in: keeps cookies, sends forms, reads the CSRF token off the last page. */
export class ConsoleClient {
  readonly cookies = new Map<string, string>();
  lastBody = '';

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(setCookie: unknown): void {
    const list = Array.isArray(setCookie) ? setCookie : setCookie === undefined ? [] : [setCookie];
    for (const line of list as string[]) {
      const [pair, ...attributes] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (attributes.some((a) => /max-age=0/i.test(a.trim())) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<Page> {
    const cookie = this.cookieHeader();
    const response = await this.app.inject({ method: 'GET', url, headers: { ...(cookie ? { cookie } : {}), ...headers } });
    this.remember(response.headers['set-cookie']);
    this.lastBody = response.body;
    return { status: response.statusCode, body: response.body, location: response.headers.location as string | undefined, headers: response.headers };
  }

  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Page> {
    const cookie = this.cookieHeader();
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(cookie ? { cookie } : {}), ...headers },
    });
    this.remember(response.headers['set-cookie']);
    return { status: response.statusCode, body: response.body, location: response.headers.location as string | undefined, headers: response.headers };
  }

  /** The CSRF token of the last page fetched. */
  csrf(): string {
    const token = /name="csrf" value="([^"]+)"/.exec(this.lastBody)?.[1];
    if (!token) throw new Error('no CSRF token on the last page');
    return token;
  }
}

/** The hidden fields of the action form whose button says `label`, on `html`. */
export function actionForm(html: string, label: string): Record<string, string> {
  const forms = html.match(/<form method="post" action="\/console\/actions"[\s\S]*?<\/form>/g) ?? [];
  const form = forms.find((f) => f.includes(`>${label}</button>`));
  if (!form) throw new Error(`no action form with a "${label}" button`);
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) fields[m[1]!] = unescapeAttribute(m[2]!);
  return fields;
}

function unescapeAttribute(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
