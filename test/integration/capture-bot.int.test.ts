import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { and, eq } from 'drizzle-orm';
import { captureInboxEvent } from '../../src/capture/capture-inbox-event.js';
import { InboxProcessor } from '../../src/inbound/inbox-processor.js';
import { InboxWriter } from '../../src/store/inbox-writer.js';
import { auditLog, chatBindings, inboxEvents, leads, outbox, salesActions } from '../../src/store/schema/index.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { inboxRow, message, NOW, OTHER_TENANT, seedSalesTeam, TENANT, type Seeded } from './capture-seed.js';

describe.each(databaseKinds)('capture of bot commands and chat messages on %s', (kind) => {
  let testDb: TestDatabase;
  let seeded: Seeded;
  const db = () => testDb.database.db;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  beforeEach(async () => {
    seeded = await seedSalesTeam(db());
  });
  afterEach(async () => {
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  const actions = () => db().select().from(salesActions).where(eq(salesActions.tenantId, TENANT));
  const replies = () => db().select().from(outbox).where(eq(outbox.tenantId, TENANT));

  it('records a /log as one action with keywords on the open lead and deal, and confirms it in the chat', async () => {
    const row = inboxRow(message('/log call Acme Jane sent the quotation, budget approved', { replyTo: { sessionWebhook: 'https://hook' } }));
    const outcome = await captureInboxEvent(db(), row, NOW);

    expect(outcome).toEqual({ status: 'processed' });
    const [action, ...more] = await actions();
    expect(more).toHaveLength(0);
    expect(action).toMatchObject({
      kind: 'call',
      actorId: seeded.alice,
      customerId: seeded.acme,
      contactId: seeded.jane,
      leadId: seeded.acmeLead,
      dealId: seeded.acmeDeal,
      channel: 'bot_log',
      platform: 'feishu',
      direction: 'rep',
      summary: 'sent the quotation, budget approved',
      keywords: ['budget', 'quote'],
      inboxEventId: row.id,
    });
    expect(action!.occurredAt.toISOString()).toBe('2026-03-02T02:00:00.000Z');

    const [reply, ...otherReplies] = await replies();
    expect(otherReplies).toHaveLength(0);
    expect(reply).toMatchObject({ kind: 'reply', platform: 'feishu', dedupKey: `reply:${row.id}`, status: 'pending' });
    expect(reply!.recipient).toMatchObject({ chatId: 'oc_group', messageId: row.event.kind === 'message.received' ? row.event.messageId : '', sessionWebhook: 'https://hook' });
    const payload = reply!.payload as { text: string; textZh: string; textEn: string };
    expect(payload.textZh).toContain('已记录电话');
    expect(payload.textZh).toContain('Acme Corporation');
    expect(payload.textZh).toContain('Jane Doe');
    expect(payload.textZh).toContain('预算、报价');
    expect(payload.textEn).toContain('Logged a call');
    expect(payload.textEn).toContain('keywords: budget, quote');
    expect(payload.text.indexOf('已记录')).toBeLessThan(payload.text.indexOf('Logged'));

    const [lead] = await db().select().from(leads).where(and(eq(leads.tenantId, TENANT), eq(leads.id, seeded.acmeLead)));
    expect(lead!.lastActionAt?.toISOString()).toBe('2026-03-02T02:00:00.000Z');
    expect(lead!.firstContactAt?.toISOString()).toBe('2026-03-02T02:00:00.000Z');
  });

  it('records a Chinese 记录 command on a customer found by part of its name', async () => {
    await captureInboxEvent(db(), inboxRow(message('记录 拜访 华为技术 上门演示，对方法务在看合同')), NOW);
    const [action] = await actions();
    expect(action).toMatchObject({ kind: 'visit', customerId: seeded.huawei, contactId: null, leadId: null, dealId: null, keywords: ['contract', 'legal'] });
    const [reply] = await replies();
    expect((reply!.payload as { textZh: string }).textZh).toContain('联系人：未指定');
  });

  it('writes one action and one reply when the same inbox event is processed twice', async () => {
    const row = inboxRow(message('/log note Acme budget talk'));
    await captureInboxEvent(db(), row, NOW);
    await captureInboxEvent(db(), row, new Date(NOW.getTime() + 60_000));
    expect(await actions()).toHaveLength(1);
    expect(await replies()).toHaveLength(1);
  });

  it('runs from a committed inbox row through the inbox processor', async () => {
    const writer = new InboxWriter(testDb.database);
    const event = message('/log meeting Acme kickoff');
    await writer.write([{ tenantId: TENANT, platform: 'feishu', transport: 'http', event: { dedupKey: event.messageId, vendorType: 'im.message.receive_v1', raw: '{}', event } }]);
    const processor = new InboxProcessor(testDb.database, captureInboxEvent, pino({ level: 'silent' }), () => NOW);
    expect(await processor.drain()).toBe(1);

    const [row] = await db().select().from(inboxEvents).where(eq(inboxEvents.tenantId, TENANT));
    expect(row).toMatchObject({ status: 'processed', lastError: null });
    const [action] = await actions();
    expect(action).toMatchObject({ kind: 'meeting', inboxEventId: row!.id, summary: 'kickoff' });
    expect(await replies()).toHaveLength(1);
  });

  it('tells an unregistered sender so and records nothing', async () => {
    const outcome = await captureInboxEvent(db(), inboxRow(message('/log call Acme budget', { sender: { ids: { open_id: 'ou_stranger' }, external: false } })), NOW);
    expect(outcome).toMatchObject({ status: 'processed', note: expect.stringMatching(/not a registered user/) });
    expect(await actions()).toHaveLength(0);
    const [reply] = await replies();
    expect((reply!.payload as { textEn: string }).textEn).toMatch(/not registered in salesbeat/);
    expect((reply!.payload as { textZh: string }).textZh).toMatch(/还没有在 salesbeat 中注册/);
  });

  it('lists the candidates when a customer name is ambiguous and records nothing', async () => {
    await captureInboxEvent(db(), inboxRow(message('记录 电话 华为 张伟 报价')), NOW);
    expect(await actions()).toHaveLength(0);
    const [reply] = await replies();
    const { textZh, textEn } = reply!.payload as { textZh: string; textEn: string };
    expect(textZh).toContain('华为云计算');
    expect(textZh).toContain('华为技术有限公司');
    expect(textEn).toMatch(/matches several customers/);
  });

  it('says so when no customer has the name, never looking at another tenant', async () => {
    await captureInboxEvent(db(), inboxRow(message('/log call Umbrella budget')), NOW);
    expect(await actions()).toHaveLength(0);
    const [reply] = await replies();
    expect((reply!.payload as { textEn: string }).textEn).toMatch(/No customer named "Umbrella"/);
  });

  it('explains a malformed command in both languages', async () => {
    await captureInboxEvent(db(), inboxRow(message('/log dance Acme')), NOW);
    const [reply] = await replies();
    const { textZh, textEn } = reply!.payload as { textZh: string; textEn: string };
    expect(textZh).toContain('不认识的类型「dance」');
    expect(textEn).toContain('Unknown kind "dance"');
    expect(await actions()).toHaveLength(0);
  });

  it('answers /help with the usage', async () => {
    await captureInboxEvent(db(), inboxRow(message('帮助', { chat: { id: 'p2p_alice', type: 'direct' } })), NOW);
    const [reply] = await replies();
    expect((reply!.payload as { text: string }).text).toContain('/log <kind> <customer>');
  });

  it('binds a group with /bind, then records a customer message there on that customer', async () => {
    await captureInboxEvent(db(), inboxRow(message('/bind Acme')), NOW);
    const [binding] = await db().select().from(chatBindings).where(eq(chatBindings.tenantId, TENANT));
    expect(binding).toMatchObject({ platform: 'feishu', chatId: 'oc_group', customerId: seeded.acme, boundBy: seeded.alice });
    const audit = await db().select().from(auditLog).where(eq(auditLog.tenantId, TENANT));
    expect(audit).toEqual([expect.objectContaining({ action: 'chat.bound', actorType: 'user', actorId: seeded.alice, subjectType: 'customer', subjectId: seeded.acme })]);

    const fromCustomer = message('We need the contract and payment terms', { toBot: false, sender: { ids: { open_id: 'ou_guest' }, external: true } });
    expect(await captureInboxEvent(db(), inboxRow(fromCustomer), NOW)).toEqual({ status: 'processed' });
    const fromRep = message('I will send the quote today', { toBot: false });
    await captureInboxEvent(db(), inboxRow(fromRep), NOW);

    const recorded = await actions();
    expect(recorded).toHaveLength(2);
    expect(recorded.find((a) => a.direction === 'customer')).toMatchObject({
      kind: 'message',
      channel: 'group_chat',
      customerId: seeded.acme,
      actorId: null,
      leadId: seeded.acmeLead,
      dealId: seeded.acmeDeal,
      keywords: ['contract', 'payment'],
    });
    expect(recorded.find((a) => a.direction === 'rep')).toMatchObject({ actorId: seeded.alice, customerId: seeded.acme, keywords: ['quote'] });
  });

  it('says a group is already bound without a second audit entry', async () => {
    await captureInboxEvent(db(), inboxRow(message('/bind Acme')), NOW);
    await captureInboxEvent(db(), inboxRow(message('绑定 Acme Corporation')), NOW);
    expect(await db().select().from(auditLog).where(eq(auditLog.tenantId, TENANT))).toHaveLength(1);
    const texts = (await replies()).map((r) => (r.payload as { textEn: string }).textEn);
    expect(texts).toContainEqual(expect.stringMatching(/already bound/));
  });

  it('refuses /bind in a direct chat', async () => {
    await captureInboxEvent(db(), inboxRow(message('/bind Acme', { chat: { id: 'p2p_alice', type: 'direct' } })), NOW);
    expect(await db().select().from(chatBindings)).toHaveLength(0);
    const [reply] = await replies();
    expect((reply!.payload as { textEn: string }).textEn).toMatch(/Only a group chat/);
  });

  it('stops recording a group after /unbind, keeping the audit trail', async () => {
    await captureInboxEvent(db(), inboxRow(message('/bind Acme')), NOW);
    await captureInboxEvent(db(), inboxRow(message('解绑')), NOW);
    expect(await db().select().from(chatBindings)).toHaveLength(0);
    const audit = await db().select().from(auditLog).where(eq(auditLog.tenantId, TENANT));
    expect(audit.map((a) => a.action).sort()).toEqual(['chat.bound', 'chat.unbound']);

    const outcome = await captureInboxEvent(db(), inboxRow(message('budget is fine', { toBot: false })), NOW);
    expect(outcome).toEqual({ status: 'ignored', reason: 'message in a chat not bound to any customer' });
    expect(await actions()).toHaveLength(0);
  });

  it('records a known contact writing anywhere, on the contact’s customer', async () => {
    const direct = message('Can you send the 报价单?', { toBot: false, chat: { id: 'p2p_jane', type: 'direct' }, sender: { ids: { open_id: 'ou_jane' }, external: true } });
    await captureInboxEvent(db(), inboxRow(direct), NOW);
    const [action] = await actions();
    expect(action).toMatchObject({ channel: 'direct_chat', direction: 'customer', customerId: seeded.acme, contactId: seeded.jane, keywords: ['quote'] });
  });

  it('ignores an ordinary message in an unbound chat with its reason', async () => {
    const outcome = await captureInboxEvent(db(), inboxRow(message('lunch?', { toBot: false })), NOW);
    expect(outcome).toEqual({ status: 'ignored', reason: 'message in a chat not bound to any customer' });
    expect(await actions()).toHaveLength(0);
    expect(await replies()).toHaveLength(0);
  });

  it('records a message in an unbound customer group titled after a customer', async () => {
    const event = message('报价发了', { toBot: false, chat: { id: 'wr_group', type: 'group', title: '华为云计算-项目群', customerGroup: true } });
    await captureInboxEvent(db(), inboxRow(event, 'wecom'), NOW);
    const [action] = await actions();
    expect(action).toMatchObject({ platform: 'wecom', customerId: seeded.huaweiCloud, channel: 'group_chat', actorId: null });
  });

  it('answers a text to the bot that is no command with the usage', async () => {
    const outcome = await captureInboxEvent(db(), inboxRow(message('hello bot', { chat: { id: 'p2p_alice', type: 'direct' } })), NOW);
    expect(outcome.status).toBe('processed');
    const [reply] = await replies();
    expect((reply!.payload as { textEn: string }).textEn).toMatch(/did not understand/);
  });

  it('keeps each tenant to itself', async () => {
    const outcome = await captureInboxEvent(db(), inboxRow(message('/log call Acme budget'), 'feishu', OTHER_TENANT), NOW);
    expect(outcome.status).toBe('processed');
    expect(await db().select().from(salesActions)).toHaveLength(0);
    const [reply] = await db().select().from(outbox).where(eq(outbox.tenantId, OTHER_TENANT));
    expect((reply!.payload as { textEn: string }).textEn).toMatch(/not registered/);
  });
});
