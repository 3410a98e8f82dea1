/**
 * The SLA deadline check. Every tick: (1) open follow-up steps whose deadline has passed turn breached,
 * their leads red, and the owner and the owner's direct supervisor get an overdue card; (2) breached steps
 * still unmet at their escalate_at are escalated, with one card to the owner's supervisor's supervisor.
 * Both are set-based statements over the partial indexes (src/store/sla-deadline.repository.ts), in batches
 * of SLA_DEADLINE_BATCH steps, each batch's cards queued with one multi-row INSERT in the same transaction:
 * a step flips and its alerts are queued together or not at all. The cron only ticks; deadlines were
 * computed in working time when the lead was created (never a weekday cron).
 */
import { CARD_ADDRESS_KEYS } from '../sla/card-address.js';
import { slaAlertMessage } from '../sla/sla-alerts.js';
import { createWorkingCalendar, type WorkingCalendar } from '../core/working-time/index.js';
import type { OutboxMessage } from '../store/outbox.repository.js';
import { enqueueOutboxBatch } from '../store/outbox-batch.repository.js';
import { breachDueSlaSteps, escalateDueSlaSteps, type SlaAlertFact } from '../store/sla-deadline.repository.js';
import { loadWorkingCalendar } from '../store/working-calendar.repository.js';
import type { Job, JobDeps } from './job.js';

export const NAME = 'sla-deadline';
/** Every minute: the tick only asks "what became due since the last one?". */
export const CRON = '* * * * *';
/** Steps flipped (or escalated) per statement. */
export const SLA_DEADLINE_BATCH = 2_000;
/** Per tick and kind at most this many batches; a backlog larger than that (after downtime) continues next tick. */
export const SLA_DEADLINE_MAX_BATCHES = 25;

export interface SlaDeadlineStats {
  /** Steps turned breached this run. */
  breached: number;
  /** Breached steps escalated this run. */
  escalated: number;
  /** Cards queued in the outbox. */
  alerts: number;
  /** Cards not queued because the same dedup key was already there. */
  duplicates: number;
  /** Steps flipped or escalated with nobody to tell (no owner / supervisor above, lead no longer open). */
  unaddressed: number;
}

type Statement = (db: JobDeps['db'], now: Date, limit: number, addressKeys: readonly string[]) => Promise<SlaAlertFact[]>;

export async function run(deps: JobDeps): Promise<SlaDeadlineStats> {
  const stats: SlaDeadlineStats = { breached: 0, escalated: 0, alerts: 0, duplicates: 0, unaddressed: 0 };
  const calendars = new Map<string, WorkingCalendar>();
  // Breaches first: a step whose escalation delay is 0 is escalated in the same tick, after its overdue cards.
  stats.breached = await drain(deps, breachDueSlaSteps, calendars, stats);
  stats.escalated = await drain(deps, escalateDueSlaSteps, calendars, stats);
  if (stats.breached + stats.escalated > 0) deps.logger.info({ job: NAME, ...stats }, 'SLA deadlines checked');
  return stats;
}

/** Runs a statement batch after batch until a short batch (or the per-tick cap); returns the steps changed. */
async function drain(deps: JobDeps, statement: Statement, calendars: Map<string, WorkingCalendar>, stats: SlaDeadlineStats): Promise<number> {
  let steps = 0;
  for (let batch = 0; batch < SLA_DEADLINE_MAX_BATCHES; batch++) {
    const facts = await statement(deps.db, deps.now, SLA_DEADLINE_BATCH, CARD_ADDRESS_KEYS);
    const changed = new Set(facts.map((f) => `${f.tenantId}\u0000${f.leadId}\u0000${f.step}`)).size;
    steps += changed;
    await queueAlerts(deps, facts, calendars, stats);
    if (changed < SLA_DEADLINE_BATCH) break;
  }
  return steps;
}

async function queueAlerts(deps: JobDeps, facts: SlaAlertFact[], calendars: Map<string, WorkingCalendar>, stats: SlaDeadlineStats): Promise<void> {
  const messages: OutboxMessage[] = [];
  for (const fact of facts) {
    if (fact.audience === null) {
      stats.unaddressed += 1;
      continue;
    }
    let calendar = calendars.get(fact.tenantId);
    if (!calendar) {
      calendar = await tenantCalendar(deps, fact.tenantId);
      calendars.set(fact.tenantId, calendar);
    }
    const message = slaAlertMessage(fact, { now: deps.now, calendar, publicUrl: deps.publicUrl });
    if (message) messages.push(message);
  }
  const queued = await enqueueOutboxBatch(deps.db, messages, deps.now);
  stats.alerts += queued.length;
  stats.duplicates += messages.length - queued.length;
}

/**
 * The calendar only words the card ("late by 1 h 20 min"); one tenant's broken working-time settings must not
 * stop every tenant's alerts, so they fall back to the default calendar (and say so in the log).
 */
async function tenantCalendar(deps: JobDeps, tenantId: string): Promise<WorkingCalendar> {
  try {
    return await loadWorkingCalendar(deps.db, tenantId);
  } catch (error) {
    deps.logger.warn({ job: NAME, tenant: tenantId, err: error }, 'working-time settings unusable; cards count lateness on the default calendar');
    return createWorkingCalendar();
  }
}

export const slaDeadlineJob: Job<SlaDeadlineStats> = { name: NAME, cron: CRON, run };
