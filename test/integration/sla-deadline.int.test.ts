import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlaDeadlineStats } from '../../src/jobs/sla-deadline.job.js';
import type { Service } from '../../src/service.js';
import { openDatabase } from '../../src/store/db.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';
import { addExternalContactXml, callRecordJson, credentials, CUSTOMER_PHONE, post, seedTeam, simulate, TENANT, type Team } from './sla-seed.js';

// A lead added on Friday 2026-03-06 at 17:45 in Shanghai. Deadlines counted by hand on the default calendar
// (09:00–12:00, 13:30–18:00): 15 minutes on Friday, the rest from Monday 09:00.
const CREATED = new Date('2026-03-06T17:45:00+08:00');
const DUE = {
  first_response: '2026-03-09T10:45:00+08:00', // 0.25 h Friday + 1.75 h Monday
  visit_booked: '2026-03-12T10:15:00+08:00', // 0.25 + 3 × 7.5 + 1.25
  proposal_feedback: '2026-03-17T11:45:00+08:00', // 0.25 + 6 × 7.5 + 2.75
};
// First response missed at 10:45 Monday; 4 working hours later: 1.25 h before the lunch break + 2.75 h after.
const ESCALATE_FIRST_RESPONSE = '2026-03-09T16:15:00+08:00';
const at = (instant: string) => new Date(instant);

interface StepRow {
  lead_id: string;
  step: string;
  owner_id: string;
  status: string;
  due_at: Date;
  escalate_at: Date;
  met_by_action_id: string | null;
}
interface CardRow {
  platform: string;
  recipient: Record<string, string>;
  dedup_key: string;
  payload: { card: { id: string; kind: string } };
  next_attempt_at: Date;
}

describe.each(databaseKinds)('SLA deadlines on %s', (kind) => {
  let testDb: TestDatabase;
  const API_TOKEN = 'sla-test-token';
  let service: Service;
  let team: Team;
  let now: Date;
  const query = <T>(text: string, params: unknown[] = []) => testDb.database.query<T>(text, params);

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  beforeEach(async () => {
    now = CREATED;
    service = await createTestService(testDb, { SALESBEAT_API_TOKEN: API_TOKEN }, { clock: () => now });
    team = await seedTeam(testDb.database.db);
  });
  afterEach(async () => {
    await service.stop();
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  const tick = async (which = service) => {
    const result = await which.scheduler.tick<SlaDeadlineStats>('sla-deadline');
    if (!result.ran) throw new Error(`the job did not run: ${result.reason}`);
    return result.stats;
  };
  const steps = () => query<StepRow>('select * from lead_sla_steps order by due_at');
  const cards = () => query<CardRow>(`select platform, recipient, dedup_key, payload, next_attempt_at from outbox where kind = 'card' order by dedup_key`);
  const leadColor = async () => (await query<{ sla_color: string }>('select sla_color from leads'))[0]!.sla_color;

  /** The WeCom callback through the real webhook, then capture. Returns the new lead's id. */
  const addCustomerOnWecom = async () => {
    expect(await post(service, 'wecom', simulate('wecom', addExternalContactXml(now), credentials.wecom, now))).toBe(200);
    await service.processor.drain();
    const [lead] = await query<{ id: string }>('select id from leads');
    return lead!.id;
  };

  it('starts three follow-up clocks in working time for a lead added on WeCom on a Friday at 17:45', async () => {
    const leadId = await addCustomerOnWecom();
    expect((await steps()).map((s) => ({ ...s, due_at: s.due_at.toISOString(), escalate_at: s.escalate_at.toISOString() }))).toEqual([
      expect.objectContaining({ lead_id: leadId, step: 'first_response', owner_id: team.zhangsan, status: 'open', due_at: at(DUE.first_response).toISOString(), escalate_at: at(ESCALATE_FIRST_RESPONSE).toISOString() }),
      expect.objectContaining({ step: 'visit_booked', status: 'open', due_at: at(DUE.visit_booked).toISOString() }),
      expect.objectContaining({ step: 'proposal_feedback', status: 'open', due_at: at(DUE.proposal_feedback).toISOString() }),
    ]);
    // The tenant had no policy: the default one is now written down where an admin can see and edit it.
    expect(await query('select lead_class, steps, escalate_after_working_hours from sla_policies')).toEqual([
      {
        lead_class: 'standard',
        steps: [
          { step: 'first_response', withinWorkingHours: 2 },
          { step: 'visit_booked', withinWorkingHours: 24 },
          { step: 'proposal_feedback', withinWorkingHours: 48 },
        ],
        escalate_after_working_hours: 4,
      },
    ]);
  });

  it('turns the lead red and queues one overdue card each to the owner and the supervisor, once, however often it ticks', async () => {
    const leadId = await addCustomerOnWecom();
    now = at('2026-03-09T10:44:59+08:00');
    expect(await tick()).toMatchObject({ breached: 0, alerts: 0 });
    expect(await leadColor()).toBe('green');

    now = at('2026-03-09T10:46:00+08:00');
    expect(await tick()).toEqual({ breached: 1, escalated: 0, alerts: 2, duplicates: 0, unaddressed: 0 });
    expect(await leadColor()).toBe('red');
    expect((await steps())[0]).toMatchObject({ step: 'first_response', status: 'breached' });
    const queued = await cards();
    expect(queued.map(({ platform, recipient, dedup_key, payload }) => ({ platform, recipient, dedup_key, card: payload.card.id }))).toEqual(
      [
        // 张三 prefers WeCom; 李四 prefers Feishu (and is also on WeCom: the preference decides).
        { platform: 'wecom', recipient: { userid: 'zhangsan' }, dedup_key: `sla:${leadId}:first_response:breach:${team.zhangsan}`, card: `lead-overdue-${leadId}-first_response-owner` },
        { platform: 'feishu', recipient: { openId: 'ou_lisi' }, dedup_key: `sla:${leadId}:first_response:breach:${team.lisi}`, card: `lead-overdue-${leadId}-first_response-supervisor` },
      ].sort((a, b) => (a.dedup_key < b.dedup_key ? -1 : 1)),
    );
    expect(queued.every((c) => c.payload.card.kind === 'lead.overdue' && c.next_attempt_at.getTime() === now.getTime())).toBe(true);
    expect(JSON.stringify(queued[0]!.payload)).toContain('2026-03-09 10:45'); // the deadline, in the tenant's zone

    // The API shows the lead red and which step was missed, when.
    const listed = await service.app.inject({ url: `/api/v1/tenants/${TENANT}/leads`, headers: { authorization: `Bearer ${API_TOKEN}` } });
    const [lead] = (listed.json() as { items: Array<{ sla_color: string; sla_steps: Array<{ step: string; status: string; due_at: string; breached_at: string | null }> }> }).items;
    expect(lead!.sla_color).toBe('red');
    expect(lead!.sla_steps.map((st) => [st.step, st.status, st.due_at])).toEqual([
      ['first_response', 'breached', at(DUE.first_response).toISOString()],
      ['visit_booked', 'open', at(DUE.visit_booked).toISOString()],
      ['proposal_feedback', 'open', at(DUE.proposal_feedback).toISOString()],
    ]);
    expect(lead!.sla_steps[0]!.breached_at).toBe(at(DUE.first_response).toISOString()); // breached at the deadline itself

    // The same tick again, and a late one: nothing new.
    expect(await tick()).toMatchObject({ breached: 0, alerts: 0 });
    now = at('2026-03-09T11:30:00+08:00');
    expect(await tick()).toMatchObject({ breached: 0, alerts: 0 });
    expect(await cards()).toHaveLength(2);
  });

  it("escalates a still-unmet step to the supervisor's supervisor 4 working hours after the deadline, once", async () => {
    const leadId = await addCustomerOnWecom();
    now = at('2026-03-09T10:46:00+08:00');
    await tick();
    now = at('2026-03-09T16:14:00+08:00');
    expect(await tick()).toMatchObject({ escalated: 0, alerts: 0 });
    now = at('2026-03-09T16:16:00+08:00');
    expect(await tick()).toEqual({ breached: 0, escalated: 1, alerts: 1, duplicates: 0, unaddressed: 0 });
    const escalation = (await cards()).filter((c) => c.dedup_key.includes(':escalate:'));
    // 王五 has no platform identity: the console.
    expect(escalation.map(({ platform, recipient, dedup_key, payload }) => ({ platform, recipient, dedup_key, kind: payload.card.kind }))).toEqual([
      { platform: 'console', recipient: { userId: team.wangwu }, dedup_key: `sla:${leadId}:first_response:escalate:${team.wangwu}`, kind: 'lead.escalated' },
    ]);
    now = at('2026-03-10T09:00:00+08:00');
    expect(await tick()).toMatchObject({ escalated: 0, alerts: 0 });
    expect(await cards()).toHaveLength(3);
  });

  it('is prevented by a call to the customer before the deadline (a call record through the calls webhook)', async () => {
    const leadId = await addCustomerOnWecom();
    await query('update contacts set phone = $1', [CUSTOMER_PHONE]);
    now = at('2026-03-09T10:30:00+08:00');
    const call = callRecordJson('2026-03-09T10:05:00+08:00', { answered: false, duration_seconds: 0 });
    expect(await post(service, 'calls', simulate('calls', call, credentials.calls, now))).toBe(200);
    await service.processor.drain();
    const [action] = await query<{ id: string; lead_id: string }>(`select id, lead_id from sales_actions where kind = 'call'`);
    expect(action!.lead_id).toBe(leadId);
    expect((await steps())[0]).toMatchObject({ step: 'first_response', status: 'met', met_by_action_id: action!.id });

    now = at('2026-03-09T10:46:00+08:00');
    expect(await tick()).toMatchObject({ breached: 0, alerts: 0 });
    expect(await leadColor()).toBe('green');
    expect(await cards()).toEqual([]);
  });

  it('stops escalation when the step is met late, and records that it was late', async () => {
    await addCustomerOnWecom();
    await query('update contacts set phone = $1', [CUSTOMER_PHONE]);
    now = at('2026-03-09T10:46:00+08:00');
    await tick();
    now = at('2026-03-09T14:00:00+08:00');
    expect(await post(service, 'calls', simulate('calls', callRecordJson('2026-03-09T13:50:00+08:00'), credentials.calls, now))).toBe(200);
    await service.processor.drain();
    const [first] = await query<{ status: string; breached_at: Date }>(`select status, breached_at from lead_sla_steps where step = 'first_response'`);
    expect(first).toEqual({ status: 'met', breached_at: at(DUE.first_response) });
    now = at('2026-03-09T16:16:00+08:00');
    expect(await tick()).toMatchObject({ escalated: 0, alerts: 0 });
    expect(await leadColor()).toBe('red');
  });

  it('queues exactly one card per recipient when two service instances tick at the same moment', async () => {
    await addCustomerOnWecom();
    // On Postgres the second instance gets its own connection pool on the same database, like a second process.
    const otherDatabase = kind === 'postgres' ? await openDatabase({ url: testDb.url!, poolSize: 5 }) : testDb.database;
    const other = await createTestService({ ...testDb, database: otherDatabase }, {}, { clock: () => now });
    try {
      now = at('2026-03-09T10:46:00+08:00');
      const results = await Promise.all([service.scheduler.tick<SlaDeadlineStats>('sla-deadline'), other.scheduler.tick<SlaDeadlineStats>('sla-deadline')]);
      const alerts = results.reduce((n, r) => n + (r.ran ? r.stats.alerts : 0), 0);
      const breached = results.reduce((n, r) => n + (r.ran ? r.stats.breached : 0), 0);
      expect({ alerts, breached }).toEqual({ alerts: 2, breached: 1 });
      const perRecipient = await query<{ n: number }>(`select count(*)::int as n from outbox where kind = 'card' group by dedup_key`);
      expect(perRecipient).toEqual([{ n: 1 }, { n: 1 }]);
    } finally {
      await other.stop();
      if (otherDatabase !== testDb.database) await otherDatabase.close();
    }
  });
});
