import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SlaDeadlineStats } from '../../src/jobs/sla-deadline.job.js';
import type { Service } from '../../src/service.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';
import { addExternalContactXml, credentials, post, seedTeam, simulate, TENANT } from './sla-seed.js';

// A lead added on Tuesday 2026-12-08 at 17:30 in Shanghai: first response due Wednesday 12-09 10:30
// (0.5 h Tuesday + 1.5 h Wednesday); visit booked (24 h) Monday 12-14 10:00.
const CREATED = new Date('2026-12-08T17:30:00+08:00');
const TOKEN = 'admin-token-for-tests';
const auth = { authorization: `Bearer ${TOKEN}` };
const iso = (instant: string) => new Date(instant).toISOString();

interface StepRow {
  step: string;
  status: string;
  due_at: Date;
  escalate_at: Date;
}

describe.each(databaseKinds)('a calendar override re-times running SLA clocks on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service;
  let now: Date;
  const query = <T>(text: string, params: unknown[] = []) => testDb.database.query<T>(text, params);
  const steps = async () =>
    (await query<StepRow>('select step, status, due_at, escalate_at from lead_sla_steps order by due_at')).map((s) => ({
      step: s.step,
      status: s.status,
      due_at: s.due_at.toISOString(),
      escalate_at: s.escalate_at.toISOString(),
    }));
  const override = (method: 'PUT' | 'DELETE', day: string) =>
    service.app.inject({ method, url: `/api/v1/tenants/${TENANT}/calendar/overrides/${day}`, headers: auth, ...(method === 'PUT' ? { payload: { kind: 'day_off' } } : {}) });

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  beforeEach(async () => {
    now = CREATED;
    service = await createTestService(testDb, { SALESBEAT_API_TOKEN: TOKEN }, { clock: () => now });
    await seedTeam(testDb.database.db);
    expect(await post(service, 'wecom', simulate('wecom', addExternalContactXml(now), credentials.wecom, now))).toBe(200);
    await service.processor.drain();
  });
  afterEach(async () => {
    await service.stop();
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  it('moves every open step past a company day off, and back when the day off is removed', async () => {
    const before = await steps();
    expect(before[0]).toMatchObject({ step: 'first_response', status: 'open', due_at: iso('2026-12-09T10:30:00+08:00') });

    const put = await override('PUT', '2026-12-09');
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ day: '2026-12-09', kind: 'day_off', retimed_steps: 3 });
    expect(await steps()).toEqual([
      // Wednesday is off: Tuesday's 0.5 h, then Thursday from 09:00; escalation 4 working hours later.
      { step: 'first_response', status: 'open', due_at: iso('2026-12-10T10:30:00+08:00'), escalate_at: iso('2026-12-10T16:00:00+08:00') },
      { step: 'visit_booked', status: 'open', due_at: iso('2026-12-15T10:00:00+08:00'), escalate_at: expect.any(String) },
      { step: 'proposal_feedback', status: 'open', due_at: expect.any(String), escalate_at: expect.any(String) },
    ]);
    const audit = await query<{ detail: { retimedSteps: number } }>(`select detail from audit_log where action = 'calendar.override_set'`);
    expect(audit.map((a) => a.detail.retimedSteps)).toEqual([3]);

    // The same override again moves nothing; an override on a day after every deadline neither.
    expect((await override('PUT', '2026-12-09')).json()).toMatchObject({ retimed_steps: 0 });

    const removed = await override('DELETE', '2026-12-09');
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ day: '2026-12-09', removed: true, retimed_steps: 3 });
    expect(await steps()).toEqual(before);
  });

  it('leaves a breached step’s deadline on record and moves only its escalation; ignores days before every clock', async () => {
    now = new Date('2026-12-09T10:31:00+08:00');
    const result = await service.scheduler.tick<SlaDeadlineStats>('sla-deadline');
    expect(result.ran && result.stats.breached).toBe(1);
    expect((await steps())[0]).toMatchObject({ status: 'breached', escalate_at: iso('2026-12-09T16:00:00+08:00') });

    // A day off before the lead's deadlines and escalations: nothing to move.
    expect((await override('PUT', '2026-12-07')).json()).toMatchObject({ retimed_steps: 0 });

    expect((await override('PUT', '2026-12-09')).json()).toMatchObject({ retimed_steps: 3 });
    const [first] = await steps();
    // Due 12-09 10:30 (missed then, still on record); 4 working hours from there now start Thursday 09:00.
    expect(first).toEqual({ step: 'first_response', status: 'breached', due_at: iso('2026-12-09T10:30:00+08:00'), escalate_at: iso('2026-12-10T14:30:00+08:00') });
  });
});
