/** The per-lead SLA step clocks (lead_sla_steps): started when a lead is created, met by captured actions. */
import { and, eq, ne, sql } from 'drizzle-orm';
import type { SlaDeadline } from '../core/rules/lead-sla-deadlines.rule.js';
import type { SlaActionFacts } from '../core/rules/sla-step-met.rule.js';
import type { Db } from './db.js';
import { leads, leadSlaSteps, type SlaStepStatus } from './schema/index.js';

export interface LeadClockFacts {
  id: string;
  ownerId: string | null;
  leadClass: string;
  createdAt: Date;
}

export async function findLeadClockFacts(db: Db, tenantId: string, leadId: string): Promise<LeadClockFacts | undefined> {
  const rows = await db
    .select({ id: leads.id, ownerId: leads.ownerId, leadClass: leads.class, createdAt: leads.createdAt })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId)))
    .limit(1);
  return rows[0];
}

/** Inserts one open step per deadline; steps the lead already has are left as they are. Returns how many were new. */
export async function insertLeadSlaSteps(db: Db, tenantId: string, lead: { id: string; ownerId: string | null }, deadlines: readonly SlaDeadline[]): Promise<number> {
  if (deadlines.length === 0) return 0;
  const inserted = await db
    .insert(leadSlaSteps)
    .values(deadlines.map((d) => ({ tenantId, leadId: lead.id, step: d.step, ownerId: lead.ownerId, dueAt: d.dueAt, escalateAt: d.escalateAt })))
    .onConflictDoNothing({ target: [leadSlaSteps.tenantId, leadSlaSteps.leadId, leadSlaSteps.step] })
    .returning({ step: leadSlaSteps.step });
  return inserted.length;
}

export interface PendingSlaStep {
  step: string;
  status: Exclude<SlaStepStatus, 'met'>;
  dueAt: Date;
}

/** The lead's steps not met yet (open or breached), with the lead's creation time; none → an empty list. */
export async function findPendingSlaSteps(db: Db, tenantId: string, leadId: string): Promise<{ leadCreatedAt: Date; steps: PendingSlaStep[] }> {
  const rows = await db
    .select({ step: leadSlaSteps.step, status: leadSlaSteps.status, dueAt: leadSlaSteps.dueAt, leadCreatedAt: leads.createdAt })
    .from(leadSlaSteps)
    .innerJoin(leads, and(eq(leads.tenantId, leadSlaSteps.tenantId), eq(leads.id, leadSlaSteps.leadId)))
    .where(and(eq(leadSlaSteps.tenantId, tenantId), eq(leadSlaSteps.leadId, leadId), ne(leadSlaSteps.status, 'met')));
  const first = rows[0];
  if (!first) return { leadCreatedAt: new Date(0), steps: [] };
  return {
    leadCreatedAt: first.leadCreatedAt,
    steps: rows.map((r) => ({ step: r.step, status: r.status as PendingSlaStep['status'], dueAt: r.dueAt })),
  };
}

interface EvidenceRow {
  id: string;
  kind: string;
  direction: 'rep' | 'customer';
  occurred_at: Date | string;
  keywords: string[];
  duration_seconds: number | string | null;
}

/**
 * The candidates for proposal_feedback on a lead (see sla-step-met.rule.ts): the earliest rep action with the
 * `quote` keyword since `since`, and the earliest customer action after it. Two index range reads on
 * sales_actions_lead_time, whatever the lead's history.
 */
export async function findProposalEvidence(db: Db, tenantId: string, leadId: string, since: Date, quoteKeyword: string): Promise<SlaActionFacts[]> {
  const result = (await db.execute(sql`
    with quote as (
      select id, kind, direction, occurred_at, keywords, duration_seconds from sales_actions
      where tenant_id = ${tenantId} and lead_id = ${leadId} and occurred_at >= ${since.toISOString()}::timestamptz
        and direction = 'rep' and ${quoteKeyword} = any(keywords)
      order by occurred_at, id limit 1
    ), reply as (
      select a.id, a.kind, a.direction, a.occurred_at, a.keywords, a.duration_seconds from quote q
      cross join lateral (
        select id, kind, direction, occurred_at, keywords, duration_seconds from sales_actions
        where tenant_id = ${tenantId} and lead_id = ${leadId} and occurred_at > q.occurred_at and direction = 'customer'
        order by occurred_at, id limit 1) a
    )
    select * from quote union all select * from reply`)) as unknown as { rows: EvidenceRow[] };
  return result.rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    direction: r.direction,
    occurredAt: new Date(r.occurred_at),
    keywords: r.keywords,
    durationSeconds: r.duration_seconds === null ? null : Number(r.duration_seconds),
  }));
}

/**
 * Marks one step met by an action (idempotent: a met step is left alone). A step met after its deadline
 * keeps (or gets) breached_at = its deadline, so lateness stays on record. Returns undefined when nothing
 * changed, else whether it was late.
 */
export async function markSlaStepMet(
  db: Db,
  met: { tenantId: string; leadId: string; step: string; metAt: Date; actionId: string },
): Promise<{ late: boolean } | undefined> {
  const metAt = met.metAt.toISOString();
  const rows = await db
    .update(leadSlaSteps)
    .set({
      status: 'met',
      metAt: met.metAt,
      metByActionId: met.actionId,
      breachedAt: sql`coalesce(${leadSlaSteps.breachedAt}, case when ${metAt}::timestamptz > ${leadSlaSteps.dueAt} then ${leadSlaSteps.dueAt} end)`,
    })
    .where(and(eq(leadSlaSteps.tenantId, met.tenantId), eq(leadSlaSteps.leadId, met.leadId), eq(leadSlaSteps.step, met.step), ne(leadSlaSteps.status, 'met')))
    .returning({ breachedAt: leadSlaSteps.breachedAt });
  const row = rows[0];
  return row ? { late: row.breachedAt !== null } : undefined;
}

/** A missed step turns the lead red (it stays red: red means "a step was missed", not "a step is open"). */
export async function markLeadRed(db: Db, tenantId: string, leadId: string): Promise<void> {
  await db
    .update(leads)
    .set({ slaColor: 'red' })
    .where(and(eq(leads.tenantId, tenantId), eq(leads.id, leadId), ne(leads.slaColor, 'red')));
}
