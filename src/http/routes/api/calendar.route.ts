import type { FastifyInstance } from 'fastify';
import { calendarCoverage, isLocalDate, workingDayKind, WORKING_DAY_KINDS } from '../../../core/working-time/index.js';
import { NotFoundError, ValidationError } from '../../../errors.js';
import { appendAudit } from '../../../store/audit.repository.js';
import { deleteCalendarOverride, listCalendarOverrides, upsertCalendarOverride } from '../../../store/calendar-override.repository.js';
import { loadWorkingCalendar } from '../../../store/working-calendar.repository.js';
import { retimeSlaStepsForDay } from '../../../sla/retime-sla-steps.js';
import type { AppDeps } from '../../build.js';
import { requireAdminToken } from './api-admin.js';
import { requireTenant } from './api-tenant.js';
import { tenantParams } from './api-schemas.js';

/** How many days ahead the calendar view looks by default, and at most. */
const DEFAULT_DAYS = 28;
const MAX_DAYS = 366;
/** The coverage warning looks this far ahead: a year's official schedule is published each November. */
const COVERAGE_HORIZON_DAYS = 60;

const dayParams = {
  type: 'object',
  required: ['tenant', 'day'],
  properties: { ...tenantParams.properties, day: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } },
} as const;

/** Calendar days outside this range are typing mistakes, not plans. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

function checkDay(day: string): string {
  if (!isLocalDate(day)) {
    throw new ValidationError('day', `"${day}" is not a real calendar day (YYYY-MM-DD)`, `“${day}”不是有效日期（YYYY-MM-DD）`);
  }
  const year = Number(day.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) {
    throw new ValidationError('day', `"${day}" is outside ${FIRST_YEAR}–${LAST_YEAR}`, `“${day}”超出 ${FIRST_YEAR}–${LAST_YEAR} 年的范围`);
  }
  return day;
}

/** GET the tenant's working calendar (with a warning when official data is missing); PUT/DELETE day overrides. */
export async function calendarRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  app.get<{ Params: { tenant: string }; Querystring: { from?: string; days?: number } }>(
    '/tenants/:tenant/calendar',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Working days, overrides and official-data coverage / 工作日历',
        params: tenantParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'First day (default: today in the tenant time zone)' },
            days: { type: 'integer', minimum: 1, maximum: MAX_DAYS, default: DEFAULT_DAYS },
          },
        },
      },
    },
    async (request) => {
      const tenant = await requireTenant(deps.tenants, request.params.tenant);
      const calendar = await loadWorkingCalendar(deps.database.db, tenant.id);
      const now = deps.clock();
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: calendar.timezone }).format(now);
      const from = checkDay(request.query.from ?? today);
      const count = request.query.days ?? DEFAULT_DAYS;
      const days: Array<{ day: string; working: boolean; kind: string }> = [];
      const cursor = new Date(`${from}T00:00:00Z`);
      for (let i = 0; i < count; i++) {
        const day = cursor.toISOString().slice(0, 10);
        const kind = workingDayKind(calendar, day);
        days.push({ day, working: WORKING_DAY_KINDS.has(kind), kind });
        cursor.setUTCDate(cursor.getUTCDate() + 1);
      }
      const coverage = calendarCoverage(calendar, now, COVERAGE_HORIZON_DAYS);
      return {
        timezone: calendar.timezone,
        coverage: {
          ...coverage,
          ...(coverage.covered
            ? {}
            : {
                warning: `no official holiday schedule for ${coverage.missingYears.join(', ')} yet: only the fixed-date statutory holidays apply; add the rest as overrides when the State Council publishes them`,
                warning_zh: `${coverage.missingYears.join('、')} 年的官方放假安排尚未收录：目前只按法定固定日期放假，请在国务院发布后补充调整`,
              }),
        },
        overrides: (await listCalendarOverrides(deps.database.db, tenant.id)).map((o) => ({ day: o.day, kind: o.kind, note: o.note, updated_by: o.updatedBy })),
        days,
      };
    },
  );

  app.put<{ Params: { tenant: string; day: string }; Body: { kind: 'day_off' | 'working_day'; note?: string } }>(
    '/tenants/:tenant/calendar/overrides/:day',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Add or change a company day off / extra working day (needs the API token) / 设置公司调整日',
        params: dayParams,
        body: {
          type: 'object',
          required: ['kind'],
          additionalProperties: false,
          properties: { kind: { type: 'string', enum: ['day_off', 'working_day'] }, note: { type: 'string', maxLength: 200 } },
        },
      },
    },
    async (request) => {
      requireAdminToken(request.headers.authorization, deps.apiToken);
      const tenant = await requireTenant(deps.tenants, request.params.tenant);
      const day = checkDay(request.params.day);
      const { kind, note } = request.body;
      // The override, the running clocks it moves and the audit entry commit together.
      const retimed = await deps.database.db.transaction(async (tx) => {
        await upsertCalendarOverride(tx as never, tenant.id, { day, kind, note: note ?? null, updatedBy: 'api' });
        const steps = await retimeSlaStepsForDay(tx as never, tenant.id, day);
        await appendAudit(tx as never, { tenantId: tenant.id, at: deps.clock(), actorType: 'user', actorId: 'api', action: 'calendar.override_set', subjectType: 'calendar_day', subjectId: day, detail: { kind, note: note ?? null, retimedSteps: steps } });
        return steps;
      });
      return { day, kind, note: note ?? null, retimed_steps: retimed };
    },
  );

  app.delete<{ Params: { tenant: string; day: string } }>(
    '/tenants/:tenant/calendar/overrides/:day',
    { schema: { tags: ['calendar'], summary: 'Remove an override and re-time the running SLA clocks it moved (needs the API token) / 删除调整日', params: dayParams } },
    async (request) => {
      requireAdminToken(request.headers.authorization, deps.apiToken);
      const tenant = await requireTenant(deps.tenants, request.params.tenant);
      const day = checkDay(request.params.day);
      const retimed = await deps.database.db.transaction(async (tx) => {
        const gone = await deleteCalendarOverride(tx as never, tenant.id, day);
        if (!gone) return undefined;
        const steps = await retimeSlaStepsForDay(tx as never, tenant.id, day);
        await appendAudit(tx as never, { tenantId: tenant.id, at: deps.clock(), actorType: 'user', actorId: 'api', action: 'calendar.override_removed', subjectType: 'calendar_day', subjectId: day, detail: { retimedSteps: steps } });
        return steps;
      });
      if (retimed === undefined) throw new NotFoundError(`override for ${day}`, `${day} 的调整`);
      return { day, removed: true, retimed_steps: retimed };
    },
  );
}
