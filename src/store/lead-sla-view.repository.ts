import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from './db.js';
import { leadSlaSteps } from './schema/index.js';

export interface LeadSlaStepView {
  step: string;
  status: string;
  dueAt: Date;
  metAt: Date | null;
  breachedAt: Date | null;
  escalateAt: Date | null;
  escalatedAt: Date | null;
}

/** The SLA steps of a page of leads, in due order, keyed by lead id (one query for the page). */
export async function slaStepsOfLeads(db: Db, tenantId: string, leadIds: readonly string[]): Promise<Map<string, LeadSlaStepView[]>> {
  const byLead = new Map<string, LeadSlaStepView[]>();
  if (leadIds.length === 0) return byLead;
  const rows = await db
    .select({
      leadId: leadSlaSteps.leadId,
      step: leadSlaSteps.step,
      status: leadSlaSteps.status,
      dueAt: leadSlaSteps.dueAt,
      metAt: leadSlaSteps.metAt,
      breachedAt: leadSlaSteps.breachedAt,
      escalateAt: leadSlaSteps.escalateAt,
      escalatedAt: leadSlaSteps.escalatedAt,
    })
    .from(leadSlaSteps)
    .where(and(eq(leadSlaSteps.tenantId, tenantId), inArray(leadSlaSteps.leadId, [...leadIds])))
    .orderBy(asc(leadSlaSteps.dueAt));
  for (const { leadId, ...step } of rows) {
    const list = byLead.get(leadId) ?? [];
    list.push(step);
    byLead.set(leadId, list);
  }
  return byLead;
}
