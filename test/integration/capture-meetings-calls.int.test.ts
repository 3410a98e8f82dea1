import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { captureInboxEvent } from '../../src/capture/capture-inbox-event.js';
import type { CallEnded, MeetingEnded } from '../../src/core/events.js';
import { leads, salesActions, userIdentities } from '../../src/store/schema/index.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { inboxRow, NOW, seedSalesTeam, TENANT, type Seeded } from './capture-seed.js';

function meetingEnded(overrides: Partial<MeetingEnded> = {}): MeetingEnded {
  return {
    kind: 'meeting.ended',
    occurredAt: '2026-03-02T02:45:00.000Z',
    startedAt: '2026-03-02T02:00:00.000Z',
    meetingId: 'mtg_1',
    topic: 'Weekly sync',
    host: { ids: { open_id: 'ou_alice' }, external: false },
    participants: [{ ids: { open_id: 'ou_jane' }, external: true }],
    ...overrides,
  };
}

function callEnded(overrides: Partial<CallEnded> = {}): CallEnded {
  return {
    kind: 'call.ended',
    occurredAt: '2026-03-02T02:10:00.000Z',
    callId: 'call_1',
    startedAt: '2026-03-02T02:05:00.000Z',
    durationSeconds: 300,
    direction: 'outbound',
    rep: { ids: { userid: 'alice' }, external: false },
    customerPhone: '13812345678',
    answered: true,
    summary: 'discussed payment schedule',
    ...overrides,
  };
}

describe.each(databaseKinds)('capture of meetings and calls on %s', (kind) => {
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

  it('records a finished meeting with a known contact, its duration and the host as the rep', async () => {
    expect(await captureInboxEvent(db(), inboxRow(meetingEnded()), NOW)).toEqual({ status: 'processed' });
    const [action] = await actions();
    expect(action).toMatchObject({
      kind: 'meeting',
      channel: 'meeting',
      actorId: seeded.alice,
      customerId: seeded.acme,
      contactId: seeded.jane,
      leadId: seeded.acmeLead,
      dealId: seeded.acmeDeal,
      durationSeconds: 2700,
      summary: 'Weekly sync',
    });
    expect(action!.occurredAt.toISOString()).toBe('2026-03-02T02:00:00.000Z');
    const [lead] = await db().select().from(leads).where(and(eq(leads.tenantId, TENANT), eq(leads.id, seeded.acmeLead)));
    expect(lead!.lastActionAt?.toISOString()).toBe('2026-03-02T02:00:00.000Z');
  });

  it('records a meeting once however often its end arrives', async () => {
    await captureInboxEvent(db(), inboxRow(meetingEnded()), NOW);
    await captureInboxEvent(db(), inboxRow(meetingEnded()), NOW);
    expect(await actions()).toHaveLength(1);
  });

  it('finds the customer by the topic when no participant is a contact', async () => {
    const event = meetingEnded({ topic: '华为云计算 迁移方案评审：预算', participants: [{ ids: { open_id: 'ou_bob' }, external: false }] });
    await captureInboxEvent(db(), inboxRow(event), NOW);
    const [action] = await actions();
    expect(action).toMatchObject({ customerId: seeded.huaweiCloud, contactId: null, actorId: seeded.alice, keywords: ['budget'] });
  });

  it('ignores a meeting with no customer in sight, with the reason', async () => {
    const event = meetingEnded({ topic: 'Team standup', participants: [{ ids: { open_id: 'ou_bob' }, external: false }] });
    const outcome = await captureInboxEvent(db(), inboxRow(event), NOW);
    expect(outcome).toEqual({ status: 'ignored', reason: 'no participant is a known contact and the topic names no customer' });
    expect(await actions()).toHaveLength(0);
  });

  it('waits for the end of a meeting before recording it', async () => {
    const outcome = await captureInboxEvent(
      db(),
      inboxRow({ kind: 'meeting.started', occurredAt: '2026-03-02T02:00:00.000Z', meetingId: 'mtg_1', topic: 'Acme', participants: [] }),
      NOW,
    );
    expect(outcome.status).toBe('ignored');
    expect(await actions()).toHaveLength(0);
  });

  it('records a call to a contact’s number written differently, on the rep found through another platform', async () => {
    const outcome = await captureInboxEvent(db(), inboxRow(callEnded({ customerPhone: '+86 138 1234 5678' }), 'calls'), NOW);
    expect(outcome).toEqual({ status: 'processed' });
    const [action] = await actions();
    expect(action).toMatchObject({
      kind: 'call',
      channel: 'phone',
      platform: 'calls',
      direction: 'rep',
      actorId: seeded.alice,
      customerId: seeded.acme,
      contactId: seeded.jane,
      leadId: seeded.acmeLead,
      durationSeconds: 300,
      keywords: ['payment'],
    });
    expect(action!.summary).toContain('outbound call, answered');
    expect(action!.summary).toContain('discussed payment schedule');
    expect(action!.occurredAt.toISOString()).toBe('2026-03-02T02:05:00.000Z');
  });

  it('finds the rep through the platform identity a call record names (platform_user)', async () => {
    const event = callEnded({ callId: 'call_pu', rep: { ids: { 'wecom.userid': 'alice', userid: 'agent-0042' }, external: false } });
    await captureInboxEvent(db(), inboxRow(event, 'calls'), NOW);
    const [action] = await actions();
    expect(action!.actorId).toBe(seeded.alice);
  });

  it('records an unanswered inbound call as the customer’s, on the rep found by email', async () => {
    const event = callEnded({ callId: 'call_2', direction: 'inbound', answered: false, durationSeconds: 0, rep: { ids: { email: 'ALICE@example.com' }, external: false } });
    await captureInboxEvent(db(), inboxRow(event, 'calls'), NOW);
    const [action] = await actions();
    expect(action).toMatchObject({ direction: 'customer', actorId: seeded.alice, durationSeconds: 0 });
    expect(action!.summary).toContain('inbound call, not answered');
  });

  it('matches the rep by a phone identity and a contact by a phone identity', async () => {
    await db().insert(userIdentities).values({ tenantId: TENANT, platform: 'dingtalk', idType: 'phone', value: '+86-139 0000 1111', userId: seeded.bob });
    const event = callEnded({ callId: 'call_3', rep: { ids: { phone: '13900001111' }, external: false }, customerPhone: '008613812345678' });
    await captureInboxEvent(db(), inboxRow(event, 'calls'), NOW);
    const [action] = await actions();
    expect(action).toMatchObject({ actorId: seeded.bob, contactId: seeded.jane });
  });

  it('ignores a call to a number that belongs to no contact', async () => {
    const outcome = await captureInboxEvent(db(), inboxRow(callEnded({ customerPhone: '13700000000' }), 'calls'), NOW);
    expect(outcome).toEqual({ status: 'ignored', reason: 'number not linked to any contact' });
    expect(await actions()).toHaveLength(0);
  });

  it('records a call once however often it arrives', async () => {
    await captureInboxEvent(db(), inboxRow(callEnded(), 'calls'), NOW);
    await captureInboxEvent(db(), inboxRow(callEnded(), 'calls'), NOW);
    expect(await actions()).toHaveLength(1);
  });

  it('ignores card taps without an action id, or with one that has no workflow, saying why', async () => {
    const tap = (value: Record<string, unknown>) =>
      inboxRow({ kind: 'card.action', occurredAt: '2026-03-02T02:00:00.000Z', operator: { ids: { open_id: 'ou_alice' }, external: false }, value, cardRef: {} });
    expect(await captureInboxEvent(db(), tap({}), NOW)).toEqual({ status: 'ignored', reason: 'card action carries no action id' });
    expect(await captureInboxEvent(db(), tap({ action: 'deal.approve' }), NOW)).toEqual({
      status: 'ignored',
      reason: 'no workflow for card action "deal.approve" yet (card workflows arrive with the card issue)',
    });
  });
});
