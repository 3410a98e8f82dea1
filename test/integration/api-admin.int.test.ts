/** The admin side of the API: the tenant's working calendar (overrides, coverage warning) and SLA ladders. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Service } from '../../src/service.js';
import { upsertTenant } from '../../src/store/tenant.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';

const TOKEN = 'admin-token-for-tests';
const auth = { authorization: `Bearer ${TOKEN}` };

describe.each(databaseKinds)('calendar and SLA administration on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service;
  let now = new Date('2026-10-28T02:00:00.000Z');

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  beforeEach(async () => {
    now = new Date('2026-10-28T02:00:00.000Z');
    service = await createTestService(testDb, { SALESBEAT_API_TOKEN: TOKEN }, { clock: () => now });
    await upsertTenant(testDb.database.db, { id: 'acme', name: 'Acme' });
  });
  afterEach(async () => {
    await service.stop();
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  const calendar = (query = '') => service.app.inject({ method: 'GET', url: `/api/v1/tenants/acme/calendar${query}`, headers: auth });

  it('shows National Day and its make-up days as the official calendar has them', async () => {
    const response = await calendar('?from=2026-09-19&days=23');
    expect(response.statusCode).toBe(200);
    const days = Object.fromEntries((response.json() as { days: Array<{ day: string; working: boolean; kind: string }> }).days.map((d) => [d.day, d]));
    expect(days['2026-09-20']).toEqual({ day: '2026-09-20', working: true, kind: 'makeup_workday' });
    expect(days['2026-10-01']).toMatchObject({ working: false, kind: 'official_holiday' });
    expect(days['2026-10-07']).toMatchObject({ working: false, kind: 'official_holiday' });
    expect(days['2026-10-08']).toMatchObject({ working: true, kind: 'weekday' });
    expect(days['2026-10-10']).toMatchObject({ working: true, kind: 'makeup_workday' });
    expect(days['2026-10-11']).toMatchObject({ working: false, kind: 'weekend' });
  });

  it('warns the admin when the coming weeks reach a year without official data', async () => {
    now = new Date('2026-11-15T02:00:00.000Z'); // the next 60 days reach into 2027
    const body = (await calendar()).json() as { coverage: { missingYears: number[]; warning: string; warning_zh: string } };
    expect(body.coverage.missingYears).toEqual([2027]);
    expect(body.coverage.warning).toContain('2027');
    expect(body.coverage.warning_zh).toContain('2027');
    now = new Date('2026-03-02T02:00:00.000Z');
    expect(((await calendar()).json() as { coverage: { covered: boolean } }).coverage.covered).toBe(true);
  });

  it('lets an admin add a company day off and an extra working Saturday, audited, and remove them', async () => {
    const put = (day: string, body: object, headers: Record<string, string> = auth) =>
      service.app.inject({ method: 'PUT', url: `/api/v1/tenants/acme/calendar/overrides/${day}`, headers, payload: body });
    expect((await put('2026-11-04', { kind: 'day_off', note: '公司年会' })).statusCode).toBe(200);
    expect((await put('2026-11-07', { kind: 'working_day' })).statusCode).toBe(200);
    expect((await put('2026-11-05', { kind: 'day_off' }, {})).statusCode).toBe(401);
    expect((await put('2026-02-30', { kind: 'day_off' })).statusCode).toBe(400);
    expect((await put('9999-12-31', { kind: 'day_off' })).statusCode).toBe(400);
    expect((await put('2026-11-06', { kind: 'holiday' })).statusCode).toBe(400);

    const days = ((await calendar('?from=2026-11-04&days=4')).json() as { days: Array<{ day: string; kind: string }> }).days.map((d) => `${d.day}:${d.kind}`);
    expect(days).toEqual(['2026-11-04:tenant_day_off', '2026-11-05:weekday', '2026-11-06:weekday', '2026-11-07:tenant_working_day']);
    const audit = await testDb.database.query<{ action: string; subject_id: string }>(`select action, subject_id from audit_log where tenant_id = 'acme' order by id`);
    expect(audit).toEqual([
      { action: 'calendar.override_set', subject_id: '2026-11-04' },
      { action: 'calendar.override_set', subject_id: '2026-11-07' },
    ]);
    const removed = await service.app.inject({ method: 'DELETE', url: '/api/v1/tenants/acme/calendar/overrides/2026-11-04', headers: auth });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ day: '2026-11-04', removed: true, retimed_steps: 0 });
    const again = await service.app.inject({ method: 'DELETE', url: '/api/v1/tenants/acme/calendar/overrides/2026-11-04', headers: auth });
    expect(again.statusCode).toBe(404);
  });

  it('shows the built-in SLA ladder until the tenant sets its own, and refuses a broken one', async () => {
    const read = async () => (await service.app.inject({ method: 'GET', url: '/api/v1/tenants/acme/sla-policies', headers: auth })).json() as {
      applied_to_default_class: { steps: Array<{ step: string; withinWorkingHours: number }>; source: string };
    };
    const builtIn = await read();
    expect(builtIn.applied_to_default_class.source).toBe('built_in');
    expect(builtIn.applied_to_default_class.steps).toEqual([
      { step: 'first_response', withinWorkingHours: 2 },
      { step: 'visit_booked', withinWorkingHours: 24 },
      { step: 'proposal_feedback', withinWorkingHours: 48 },
    ]);
    const put = (body: object) => service.app.inject({ method: 'PUT', url: '/api/v1/tenants/acme/sla-policies/standard', headers: auth, payload: body });
    expect((await put({ steps: [{ step: 'first_response', withinWorkingHours: 1 }, { step: 'first_response', withinWorkingHours: 3 }], escalateAfterWorkingHours: 2 })).statusCode).toBe(400);
    expect((await put({ steps: [{ step: 'first_response', withinWorkingHours: 0 }], escalateAfterWorkingHours: 2 })).statusCode).toBe(400);
    const outOfOrder = await put({ steps: [{ step: 'visit_booked', withinWorkingHours: 24 }, { step: 'first_response', withinWorkingHours: 2 }], escalateAfterWorkingHours: 2 });
    expect(outOfOrder.statusCode).toBe(400);
    expect(JSON.stringify(outOfOrder.json())).toContain('steps[1].step');
    expect(JSON.stringify(outOfOrder.json())).toContain('必须排在');
    const tooShort = await put({ steps: [{ step: 'first_response', withinWorkingHours: 0.1 }], escalateAfterWorkingHours: 2 });
    expect(tooShort.statusCode).toBe(400);
    expect(JSON.stringify(tooShort.json())).toContain('steps[0].withinWorkingHours');
    expect((await put({ steps: [{ step: 'first_response', withinWorkingHours: 1 }], escalateAfterWorkingHours: 2 })).statusCode).toBe(200);
    const custom = await read();
    expect(custom.applied_to_default_class).toMatchObject({ source: 'class', steps: [{ step: 'first_response', withinWorkingHours: 1 }], escalateAfterWorkingHours: 2 });
  });
});
