/**
 * The console in a real headless browser (Debian's chromium, driven by playwright-core; nothing is downloaded).
 * The service listens on a random port on a database with the demo tenant seeded. A customer adds Zhang San
 * on WeCom on a Monday at 10:00; nobody answers; at 14:00 (fake clock) the SLA deadline job has sent the
 * overdue cards. In the browser: open /console/demo, pick Wang Fang (Zhang San's supervisor), see the overdue
 * card, press "提醒销售 Nudge rep", see the card's final state, then open Zhang San's inbox and see the nudge;
 * from there, post as the customer contact 陈经理 into the demo's bound console group and see it captured.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTenant } from '../../src/demo/seed-demo-tenant.js';
import type { Service } from '../../src/service.js';
import { addContactIdentities } from '../../src/store/contact.repository.js';
import { contacts, customers, users } from '../../src/store/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = '/tmp/console.png';
/** Monday 2030-03-04 10:00 in Shanghai: a plain working day, later than the wall clock (see console-actions). */
const LEAD_CREATED = new Date('2030-03-04T02:00:00.000Z');
/** 14:00: the 2-working-hour first response was due at 12:00; 30 working minutes late (the 12:00–13:30 break does not count). */
const CHECKED = new Date('2030-03-04T06:00:00.000Z');
const UI_TIMEOUT_MS = 15_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

describe('console in a headless browser', () => {
  let testDb: TestDatabase;
  let service: Service;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  let base: string;
  let now = LEAD_CREATED;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium); the test never downloads a browser`);
    testDb = await createTestDatabase('pglite');
    const port = await freePort();
    service = await createTestService(testDb, { PORT: String(port) }, { clock: () => now });
    const db = testDb.database.db;
    await seedDemoTenant(db, now);

    // 刘工 of 上海申通 is known on WeCom; he adds Zhang San: a lead for Zhang San, its SLA clock started.
    const [liu] = await db
      .select({ id: contacts.id })
      .from(contacts)
      .innerJoin(customers, and(eq(customers.tenantId, contacts.tenantId), eq(customers.id, contacts.customerId)))
      .where(and(eq(contacts.tenantId, 'demo'), eq(contacts.name, '刘工'), eq(customers.name, '上海申通精密制造有限公司')));
    await addContactIdentities(db, 'demo', liu!.id, 'wecom', { external_userid: 'wmLiuGong0001' });
    await service.sink.ingest('demo', 'wecom', 'http', [
      {
        dedupKey: 'browser-test-add-contact',
        vendorType: 'change_external_contact',
        raw: '{}',
        event: {
          kind: 'contact.added',
          occurredAt: now.toISOString(),
          rep: { ids: { userid: 'zhangsan' }, external: false },
          contact: { ids: { external_userid: 'wmLiuGong0001' }, name: '刘工', external: true },
        },
      },
    ]);
    await service.processor.drain();

    now = CHECKED;
    const tick = await service.scheduler.tick('sla-deadline');
    expect(tick).toMatchObject({ ran: true, stats: { breached: 1, alerts: 2 } });

    service.startBackground();
    await service.app.listen({ host: '127.0.0.1', port });
    base = `http://127.0.0.1:${port}`;

    profile = mkdtempSync(path.join(tmpdir(), 'salesbeat-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    page = context.pages()[0] ?? (await context.newPage());
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await service?.stop();
    await testDb?.destroy();
  });

  it('shows the overdue card in the supervisor’s inbox, and its "提醒销售 Nudge rep" button nudges the owner', async () => {
    // Nothing on the page may load from anywhere but the service itself.
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base)) foreign.push(request.url());
    });

    await page.goto(`${base}/console/demo`);
    await page.getByRole('link', { name: '王芳', exact: true }).click();
    await page.waitForURL(/\/console\/demo\/users\/[0-9a-f-]{36}$/);

    const card = page.locator('article.sb-card', { hasText: '跟进超时：上海申通精密制造有限公司' });
    await card.waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await card.innerText()).toContain('张三 负责的线索未按时完成 首次响应，已超时 30 分钟（工作时间）');

    await card.getByRole('button', { name: '提醒销售' }).click();
    const state = page.locator('article.sb-card .sb-card__state', { hasText: '已提醒 张三 by 王芳 at 14:00' });
    await state.waitFor({ timeout: UI_TIMEOUT_MS });
    await page.locator('.flash--ok', { hasText: '操作成功' }).waitFor({ timeout: UI_TIMEOUT_MS });
    expect(await page.locator('article.sb-card', { hasText: '跟进超时' }).getByRole('button').count()).toBe(0);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await page.getByRole('link', { name: '切换用户 Switch user' }).click();
    await page.getByRole('link', { name: '张三', exact: true }).click();
    const nudge = page.locator('.bubble--bot', { hasText: '主管 王芳 提醒您跟进线索「刘工（上海申通精密制造有限公司）」' });
    await nudge.waitFor({ timeout: UI_TIMEOUT_MS });
    // Zhang San has his own overdue card too, still waiting for him.
    await page.locator('article.sb-card', { hasText: '跟进超时' }).getByRole('button', { name: '记录跟进' }).waitFor({ timeout: UI_TIMEOUT_MS });


    // Posting as the customer contact 陈经理 into the demo's console group bound to 上海申通: captured.
    await page.locator('select[name="as"]').selectOption({ label: '陈经理 · 采购经理 · 上海申通精密制造有限公司' });
    await page.locator('select[name="chat"]').selectOption('console-g-shentong');
    await page.locator('textarea[name="text"]').fill('方案收到了，我们下周安排一次现场演示');
    await page.getByRole('button', { name: '发送 Send' }).click();
    await page.locator('.flash--ok', { hasText: '已记为销售动作' }).waitFor({ timeout: UI_TIMEOUT_MS });

    expect(foreign).toEqual([]);
    const [zhangsan] = await testDb.database.db.select({ id: users.id }).from(users).where(and(eq(users.tenantId, 'demo'), eq(users.name, '张三')));
    expect(page.url()).toContain(zhangsan!.id);
  }, 60_000);
});
