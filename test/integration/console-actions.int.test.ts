/**
 * The console plays a platform end to end: messages posted on the page go through the inbox and capture
 * (a /bind in a new console group, then a customer's message there becomes a sales action), and card
 * buttons go through the card-action path: only the card's recipient may press them, "提醒销售 Nudge rep"
 * sends the owner a message and makes the card final, "记录跟进 Log follow-up" records a note, and a second
 * tap does nothing.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../src/core/card.js';
import type { Service } from '../../src/service.js';
import { auditLog, chatBindings, inboxEvents, outbox, salesActions } from '../../src/store/schema/index.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';
import { actionForm, API_TOKEN, ConsoleClient, DEMO, queueOverdueCard, seedConsoleTenants, type ConsoleSeed } from './console-seed.js';

// 14:02 in Shanghai. Later than the wall clock: rows the database dates with now() are due for the outbox worker's fake clock.
const NOW = new Date('2030-03-04T06:02:00.000Z');

describe.each(databaseKinds)('console messages and card buttons on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service;
  let seed: ConsoleSeed;
  const db = () => testDb.database.db;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    service = await createTestService(testDb, { SALESBEAT_API_TOKEN: API_TOKEN }, { clock: () => NOW });
  });
  beforeEach(async () => {
    seed = await seedConsoleTenants(db());
    service.tenants.invalidate();
  });
  afterEach(async () => {
    await testDb.truncate();
  });
  afterAll(async () => {
    await service.stop();
    await testDb.destroy();
  });

  const inbox = (userId: string) => `/console/${DEMO}/users/${userId}`;

  /** Posts on the user's page, processes the inbox and delivers the outbox, and returns the page it redirected to. */
  async function post(c: ConsoleClient, url: string, form: Record<string, string>): Promise<string> {
    const response = await c.post(url, { ...form, csrf: c.csrf() });
    expect(response.status).toBe(303);
    await service.processor.drain();
    await service.outbox.drain();
    const page = await c.get(response.location!);
    expect(page.status).toBe(200);
    return page.body;
  }

  async function say(c: ConsoleClient, userId: string, form: Record<string, string>): Promise<string> {
    await c.get(inbox(userId));
    return post(c, `${inbox(userId)}/messages`, form);
  }

  const cardRow = async (userId: string) => {
    const rows = await db().select().from(outbox).where(and(eq(outbox.tenantId, DEMO), eq(outbox.kind, 'card')));
    return rows.find((r) => r.recipient.userId === userId)!;
  };

  it('binds a new console group with /bind, then records a customer contact’s message there as a sales action', async () => {
    const c = new ConsoleClient(service.app);
    const bound = await say(c, seed.zhangsan, { as: 'self', chat: 'new', newChat: '申通项目群', mention: 'on', text: '/bind 上海申通' });
    expect(bound).toContain('消息已发送');
    const [binding] = await db().select().from(chatBindings).where(and(eq(chatBindings.tenantId, DEMO), eq(chatBindings.platform, 'console')));
    expect(binding).toMatchObject({ customerId: seed.shentong, boundBy: seed.zhangsan });
    expect(binding!.chatId).toMatch(/^console-g-[0-9a-f]{12}$/);
    // The bot's answer is in Zhang San's inbox, and the chat is offered as bound.
    expect(bound).toContain('上海申通精密制造有限公司');
    expect(bound).toMatch(new RegExp(`<option value="${binding!.chatId}">申通项目群 → 上海申通精密制造有限公司</option>`));

    const page = await say(c, seed.zhangsan, { as: seed.chen, chat: binding!.chatId, text: '我们下周可以安排一次现场演示，预算已经批了' });
    expect(page).toContain('已记为销售动作');
    const [action, ...more] = await db().select().from(salesActions).where(eq(salesActions.tenantId, DEMO));
    expect(more).toHaveLength(0);
    expect(action).toMatchObject({
      kind: 'message',
      platform: 'console',
      channel: 'group_chat',
      direction: 'customer',
      customerId: seed.shentong,
      contactId: seed.chen,
      actorId: null,
      leadId: seed.lead,
      dealId: seed.deal,
      summary: '我们下周可以安排一次现场演示，预算已经批了',
    });
    const [event] = await db().select().from(inboxEvents).where(eq(inboxEvents.id, action!.inboxEventId!));
    expect(event).toMatchObject({ platform: 'console', transport: 'http', kind: 'message.received', status: 'processed', vendorType: 'console.message' });
  });

  it('says a message in an unbound group is not a sales action, and captures nothing', async () => {
    const c = new ConsoleClient(service.app);
    const page = await say(c, seed.zhangsan, { as: seed.chen, chat: 'new', newChat: '闲聊群', text: '你好' });
    // A known contact's message counts wherever it is: the contact's company is the customer.
    expect(page).toContain('已记为销售动作');
    const other = await say(c, seed.lisi, { as: 'self', chat: 'new', newChat: '内部群', text: '今天开会吗' });
    expect(other).toContain('此聊天未绑定客户');
    expect(await db().select().from(salesActions).where(eq(salesActions.tenantId, DEMO))).toHaveLength(1);
  });

  it('refuses a button pressed by someone who is not the card’s recipient, with a message on the page', async () => {
    await queueOverdueCard(db(), seed, 'supervisor', NOW);
    await service.outbox.drain();
    const supervisor = new ConsoleClient(service.app);
    const page = await supervisor.get(inbox(seed.wangfang));
    const nudge = actionForm(page.body, '提醒销售');

    // Li Si presses the button of Wang Fang's card (same tenant, his own session).
    const lisi = new ConsoleClient(service.app);
    await lisi.get(inbox(seed.lisi));
    const refused = await post(lisi, '/console/actions', { ...nudge, userId: seed.lisi, csrf: lisi.csrf() });
    expect(refused).toContain('操作未执行');
    expect(refused).toContain('只有卡片接收人可以操作此卡片');
    expect(refused).toContain("only the card&#39;s recipient may press its buttons");

    const row = await cardRow(seed.wangfang);
    expect((row.payload.card as Card).state).toBeUndefined();
    expect(await db().select().from(outbox).where(and(eq(outbox.tenantId, DEMO), eq(outbox.kind, 'reply')))).toHaveLength(0);
    const [event] = await db().select().from(inboxEvents).where(and(eq(inboxEvents.tenantId, DEMO), eq(inboxEvents.kind, 'card.action')));
    expect(event).toMatchObject({ status: 'ignored', platform: 'console', vendorType: 'console.card_action' });
  });

  it('refuses a tap whose value was changed (another lead), and a tap sent to another tenant', async () => {
    await queueOverdueCard(db(), seed, 'supervisor', NOW);
    const c = new ConsoleClient(service.app);
    const page = await c.get(inbox(seed.wangfang));
    const nudge = actionForm(page.body, '提醒销售');
    const forged = JSON.stringify({ ...JSON.parse(nudge.value!), leadId: '00000000-0000-4000-8000-000000000000' });
    const refused = await post(c, '/console/actions', { ...nudge, value: forged });
    expect(refused).toContain('卡片上没有这个按钮');

    // The demo session opens no other tenant: the same tap addressed to Acme needs Acme's login.
    const admin = new ConsoleClient(service.app);
    await admin.get(inbox(seed.wangfang));
    expect((await admin.post('/console/actions', { ...nudge, tenant: 'acme', csrf: admin.csrf() })).status).toBe(401);
  });

  it('nudges the owner: Zhang San gets the message, the supervisor’s card turns final, and a second tap does nothing', async () => {
    await queueOverdueCard(db(), seed, 'supervisor', NOW);
    await service.outbox.drain();
    const c = new ConsoleClient(service.app);
    const before = await c.get(inbox(seed.wangfang));
    expect(before.body).toContain('跟进超时：上海申通精密制造有限公司');
    const nudge = actionForm(before.body, '提醒销售');
    expect(nudge).toMatchObject({ tenant: DEMO, userId: seed.wangfang, actionId: 'lead.nudge_owner' });

    const after = await post(c, '/console/actions', nudge);
    expect(after).toContain('操作成功');
    expect(after).toContain('已提醒 张三 by 王芳 at 14:02');
    expect(after).not.toContain('>提醒销售</button>');
    const card = (await cardRow(seed.wangfang)).payload.card as Card;
    expect(card.state).toEqual({ zh: '已提醒 张三 by 王芳 at 14:02', en: 'Nudged 张三 by 王芳 at 14:02' });
    expect(card.buttons).toEqual([]);

    const [message, ...more] = await db().select().from(outbox).where(and(eq(outbox.tenantId, DEMO), eq(outbox.kind, 'reply')));
    expect(more).toHaveLength(0);
    expect(message).toMatchObject({ platform: 'console', recipient: { userId: seed.zhangsan }, status: 'sent', platformMessageId: `console:${message!.id}` });
    expect((message!.payload as { textZh: string }).textZh).toContain('主管 王芳 提醒您跟进线索「申通 CNC 产线改造（上海申通精密制造有限公司）」');
    const owner = await new ConsoleClient(service.app).get(inbox(seed.zhangsan));
    expect(owner.body).toContain('主管 王芳 提醒您跟进线索');
    expect(owner.body).toContain('Supervisor 王芳 asks you to follow up lead');

    const audits = await db().select().from(auditLog).where(eq(auditLog.tenantId, DEMO));
    expect(audits.map((a) => a.action).sort()).toEqual(['card.finalised', 'lead.nudged']);

    // The same form posted again (a double tap): refused, nothing sent twice.
    const again = await post(c, '/console/actions', nudge);
    expect(again).toContain('卡片已处理');
    expect(await db().select().from(outbox).where(and(eq(outbox.tenantId, DEMO), eq(outbox.kind, 'reply')))).toHaveLength(1);
  });

  it('logs a follow-up from the owner’s card as a note on exactly that lead, and shows the card final', async () => {
    await queueOverdueCard(db(), seed, 'owner', NOW);
    const c = new ConsoleClient(service.app);
    const page = await c.get(inbox(seed.zhangsan));
    const log = actionForm(page.body, '记录跟进');
    const after = await post(c, '/console/actions', log);
    expect(after).toContain('已记录 by 张三 at 14:02');
    const [action] = await db().select().from(salesActions).where(eq(salesActions.tenantId, DEMO));
    expect(action).toMatchObject({ kind: 'note', actorId: seed.zhangsan, leadId: seed.lead, customerId: seed.shentong, dealId: seed.deal, platform: 'console', channel: 'bot_log' });
    expect(action!.summary).toContain('通过卡片记录跟进');

    // The card's "查看线索 View lead" link opens the lead in the console, with the note on it.
    const link = /href="http:\/\/127\.0\.0\.1(\/console\/demo\/leads\/[^"]+)"/.exec(after)![1]!;
    const lead = await c.get(link);
    expect(lead.status).toBe(200);
    expect(lead.body).toContain('申通 CNC 产线改造');
    expect(lead.body).toContain('备注 note');
    expect((await new ConsoleClient(service.app).get(`/console/acme/leads/${seed.lead}`)).status).toBe(401);
  });
});
