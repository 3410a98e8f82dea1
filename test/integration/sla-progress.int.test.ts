import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { captureInboxEvent } from '../../src/capture/capture-inbox-event.js';
import type { MessageReceived } from '../../src/core/events.js';
import { followUpReport } from '../../src/sla/follow-up-report.js';
import { startSlaClock } from '../../src/sla/start-sla-clock.js';
import { bindChat } from '../../src/store/chat-binding.repository.js';
import { saveSlaPolicy } from '../../src/store/sla-policy.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { inboxRow, message, NOW, seedSalesTeam, TENANT, type Seeded } from './capture-seed.js';

// The seeded Acme lead was created 2026-02-01; NOW is Monday 2026-03-02 11:00 in Shanghai.
const inGroup = (text: string, at: string, overrides: Partial<MessageReceived> = {}) => message(text, { toBot: false, occurredAt: at, ...overrides });
const fromJane = { sender: { ids: { open_id: 'ou_jane' }, external: true } };

describe.each(databaseKinds)('SLA steps met by captured actions on %s', (kind) => {
  let testDb: TestDatabase;
  let seeded: Seeded;
  const db = () => testDb.database.db;
  const capture = (event: MessageReceived) => captureInboxEvent(db(), inboxRow(event), NOW);
  const steps = () =>
    testDb.database.query<{ step: string; status: string; met_at: Date | null; met_by_action_id: string | null }>(
      `select step, status, met_at, met_by_action_id from lead_sla_steps where lead_id = $1 order by due_at`,
      [seeded.acmeLead],
    );
  const actionId = async (summary: string) =>
    (await testDb.database.query<{ id: string }>('select id from sales_actions where summary = $1', [summary]))[0]!.id;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  beforeEach(async () => {
    seeded = await seedSalesTeam(db());
    await bindChat(db(), { tenantId: TENANT, platform: 'feishu', chatId: 'oc_group', customerId: seeded.acme, boundBy: seeded.alice, boundAt: NOW });
    expect(await startSlaClock({ db: db(), tenantId: TENANT, now: NOW }, { id: seeded.acmeLead })).toEqual({ steps: 3, policySource: 'class' }); // the default ladder, just written for the tenant
  });
  afterEach(async () => {
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  it('meets first response with a rep message, proposal feedback with the customer reply after a quote, and visit booked with a logged visit', async () => {
    await capture(inGroup('Jane 你好，我们下周约个时间？', '2026-02-02T02:00:00Z', fromJane));
    expect((await steps()).map((s) => s.status)).toEqual(['open', 'open', 'open']); // the customer spoke first: no response yet

    await capture(inGroup('报价单已发到邮箱，请查收', '2026-02-02T03:00:00Z'));
    await capture(inGroup('收到，我们内部讨论一下', '2026-02-02T05:00:00Z', fromJane));
    await capture(message('/log 拜访 Acme Corporation Jane Doe 现场演示', { occurredAt: '2026-02-03T06:00:00Z' }));

    expect(await steps()).toEqual([
      { step: 'first_response', status: 'met', met_at: new Date('2026-02-02T03:00:00Z'), met_by_action_id: await actionId('报价单已发到邮箱，请查收') },
      { step: 'visit_booked', status: 'met', met_at: new Date('2026-02-03T06:00:00Z'), met_by_action_id: await actionId('现场演示') },
      { step: 'proposal_feedback', status: 'met', met_at: new Date('2026-02-02T05:00:00Z'), met_by_action_id: await actionId('收到，我们内部讨论一下') },
    ]);
  });

  it('finds the feedback when the quote is captured after the reply that followed it (out-of-order delivery)', async () => {
    await capture(inGroup('价格我们能接受', '2026-02-02T05:00:00Z', fromJane));
    await capture(inGroup('quote attached', '2026-02-02T03:00:00Z'));
    const [, , feedback] = await steps();
    expect(feedback).toMatchObject({ status: 'met', met_by_action_id: await actionId('价格我们能接受') });
  });

  it('never counts an action from before the lead existed, and keeps the first action that met a step', async () => {
    await capture(inGroup('old thread', '2026-01-15T02:00:00Z'));
    expect((await steps())[0]!.status).toBe('open');
    const first = inGroup('hello again', '2026-02-02T02:00:00Z');
    await capture(first);
    await capture(first); // redelivered
    await capture(inGroup('second message', '2026-02-02T03:00:00Z'));
    expect((await steps())[0]).toMatchObject({ status: 'met', met_by_action_id: await actionId('hello again') });
  });

  it("follows the tenant's own policy for the lead's class", async () => {
    await testDb.truncate();
    seeded = await seedSalesTeam(db());
    await saveSlaPolicy(db(), TENANT, { leadClass: 'standard', steps: [{ step: 'visit_booked', withinWorkingHours: 8 }], escalateAfterWorkingHours: 2 });
    expect(await startSlaClock({ db: db(), tenantId: TENANT, now: NOW }, { id: seeded.acmeLead })).toEqual({ steps: 1, policySource: 'class' });
    // Created Sunday 2026-02-01 08:00 Shanghai: the clock starts Monday 09:00; 7.5 h Monday + 0.5 h Tuesday.
    const [row] = await testDb.database.query<{ step: string; due_at: Date; escalate_at: Date }>('select step, due_at, escalate_at from lead_sla_steps');
    expect(row).toEqual({ step: 'visit_booked', due_at: new Date('2026-02-03T09:30:00+08:00'), escalate_at: new Date('2026-02-03T11:30:00+08:00') });
  });

  it('reports the share of leads touched again within 72 hours of first contact, per rep and team', async () => {
    await testDb.database.query(`update users set team = 'east' where id = $1`, [seeded.alice]);
    await testDb.database.query(`update leads set first_contact_at = '2026-02-02T02:00:00Z' where id = $1`, [seeded.acmeLead]);
    await capture(inGroup('touching again', '2026-02-04T02:00:00Z')); // 48 h later
    const report = await followUpReport(db(), TENANT, { from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') }, NOW);
    expect(report.byRep).toEqual([{ key: seeded.alice, decided: 1, touchedAgain: 1, pending: 0, share: 1 }]);
    expect(report.byTeam).toEqual([{ key: 'east', decided: 1, touchedAgain: 1, pending: 0, share: 1 }]);
  });
});
