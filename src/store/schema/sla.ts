import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './tenants.js';

/** One rung of a follow-up ladder: what must happen within how many working hours of the lead's creation. */
export interface SlaStepPolicy {
  step: string;
  withinWorkingHours: number;
}

/** Per tenant and lead class: the follow-up ladder and when an unmet step escalates one level up. */
export const slaPolicies = pgTable(
  'sla_policies',
  {
    tenantId: text('tenant_id').notNull().references(() => tenants.id),
    leadClass: text('lead_class').notNull(),
    steps: jsonb('steps').$type<SlaStepPolicy[]>().notNull(),
    escalateAfterWorkingHours: integer('escalate_after_working_hours').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.leadClass] })],
);

export const slaStepStatuses = ['open', 'met', 'breached'] as const;
export type SlaStepStatus = (typeof slaStepStatuses)[number];

/** The clock of one follow-up step on one lead. Deadline scans read the partial indexes below. */
export const leadSlaSteps = pgTable(
  'lead_sla_steps',
  {
    tenantId: text('tenant_id').notNull(),
    leadId: uuid('lead_id').notNull(),
    step: text('step').notNull(),
    /** Whom the step is on (the lead's owner when the clock started; moves with a handover). */
    ownerId: uuid('owner_id'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    status: text('status').$type<SlaStepStatus>().notNull().default('open'),
    metAt: timestamp('met_at', { withTimezone: true }),
    metByActionId: uuid('met_by_action_id'),
    breachedAt: timestamp('breached_at', { withTimezone: true }),
    /** When a still-unmet breach goes one level further up. */
    escalateAt: timestamp('escalate_at', { withTimezone: true }),
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.leadId, t.step] }),
    index('lead_sla_steps_open_due').on(t.dueAt).where(sql`status = 'open'`),
    index('lead_sla_steps_escalation_due').on(t.escalateAt).where(sql`status = 'breached' and escalated_at is null`),
  ],
);
