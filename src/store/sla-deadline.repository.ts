/**
 * The deadline job's two set-based statements. Each reads only what became due since the last tick, through
 * its partial index (lead_sla_steps_open_due: status = 'open'; lead_sla_steps_escalation_due: status =
 * 'breached' and escalated_at is null) — a flipped row leaves the index, so nothing is read twice — changes
 * it in the same statement, and returns one row per (step, recipient) with everything a card needs: the
 * lead, customer, owner, and the recipient's address (their identity on their preferred platform, else
 * the first in `addressKeys` order; `console` as preferred platform means none). `FOR UPDATE SKIP LOCKED`
 * keeps two overlapping runs apart even without the scheduler's lock. A step of a lead that is no longer
 * open flips like any other, silently: no red, no recipients.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from './db.js';

export interface SlaAlertFact {
  tenantId: string;
  leadId: string;
  step: string;
  dueAt: Date;
  leadTitle: string | null;
  customerName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  /** The owner's direct supervisor (escalation cards say they were alerted). */
  supervisorId: string | null;
  supervisorName: string | null;
  /** null on the one row of a step nobody is to hear about (no owner, no supervisor, lead not open). */
  audience: 'owner' | 'supervisor' | 'grand_supervisor' | null;
  recipientId: string | null;
  recipientName: string | null;
  identity: { platform: string; idType: string; value: string } | null;
  consoleOnly: boolean;
}

interface FactRow {
  tenant_id: string;
  lead_id: string;
  step: string;
  due_at: Date | string;
  lead_title: string | null;
  customer_name: string | null;
  owner_id: string | null;
  owner_name: string | null;
  supervisor_id: string | null;
  supervisor_name: string | null;
  audience: SlaAlertFact['audience'];
  recipient_id: string | null;
  recipient_name: string | null;
  identity_platform: string | null;
  identity_id_type: string | null;
  identity_value: string | null;
  console_only: boolean | null;
}

/**
 * The facts of the changed steps `changed` (a CTE with tenant_id, lead_id, step, owner_id, due_at), one
 * row per recipient listed by `recipients` (a VALUES list over the joined rl1/rl2 reporting lines).
 */
function alertFacts(recipients: SQL, addressKeys: readonly string[]): SQL {
  const keys = addressKeys.join(',');
  return sql`
    select c.tenant_id, c.lead_id, c.step, c.due_at, l.title as lead_title,
           coalesce(cu.name, ct.name, l.title) as customer_name,
           c.owner_id, owner.name as owner_name, rl1.supervisor_id, sup.name as supervisor_name,
           r.audience, r.user_id as recipient_id, ru.name as recipient_name,
           ident.platform as identity_platform, ident.id_type as identity_id_type, ident.value as identity_value,
           coalesce(t.settings->>'outboundDelivery' = 'console', false) as console_only
    from changed c
    join leads l on l.tenant_id = c.tenant_id and l.id = c.lead_id
    join tenants t on t.id = c.tenant_id
    left join customers cu on cu.tenant_id = l.tenant_id and cu.id = l.customer_id
    left join contacts ct on ct.tenant_id = l.tenant_id and ct.id = l.contact_id
    left join users owner on owner.tenant_id = c.tenant_id and owner.id = c.owner_id
    left join reporting_lines rl1 on rl1.tenant_id = c.tenant_id and rl1.user_id = c.owner_id
    left join users sup on sup.tenant_id = c.tenant_id and sup.id = rl1.supervisor_id
    left join reporting_lines rl2 on rl2.tenant_id = c.tenant_id and rl2.user_id = rl1.supervisor_id
    left join lateral (
      select v.audience, v.user_id from (${recipients}) v(audience, user_id)
      join users u on u.tenant_id = c.tenant_id and u.id = v.user_id and u.active
      where l.status = 'open'
    ) r on true
    left join users ru on ru.tenant_id = c.tenant_id and ru.id = r.user_id
    left join lateral (
      select ui.platform, ui.id_type, ui.value from user_identities ui
      where ui.tenant_id = c.tenant_id and ui.user_id = r.user_id
        and coalesce(ru.preferred_platform, '') <> 'console'
        and (ui.platform || ':' || ui.id_type) = any(string_to_array(${keys}::text, ','))
      order by (ui.platform = ru.preferred_platform) desc nulls last,
               array_position(string_to_array(${keys}::text, ','), ui.platform || ':' || ui.id_type), ui.value
      limit 1
    ) ident on true`;
}

async function facts(db: Db, statement: SQL): Promise<SlaAlertFact[]> {
  const result = (await db.execute(statement)) as unknown as { rows: FactRow[] };
  return result.rows.map((r) => ({
    tenantId: r.tenant_id,
    leadId: r.lead_id,
    step: r.step,
    dueAt: new Date(r.due_at),
    leadTitle: r.lead_title,
    customerName: r.customer_name,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    supervisorId: r.supervisor_id,
    supervisorName: r.supervisor_name,
    audience: r.audience,
    recipientId: r.recipient_id,
    recipientName: r.recipient_name,
    identity:
      r.identity_platform && r.identity_id_type && r.identity_value ? { platform: r.identity_platform, idType: r.identity_id_type, value: r.identity_value } : null,
    consoleOnly: r.console_only === true,
  }));
}

/**
 * Flips up to `limit` open steps due at or before `now` to breached (breached_at = the deadline), turns their
 * open leads red, and returns the facts for the owner's and the direct supervisor's overdue cards.
 */
export function breachDueSlaSteps(db: Db, now: Date, limit: number, addressKeys: readonly string[]): Promise<SlaAlertFact[]> {
  const at = now.toISOString();
  return facts(
    db,
    sql`
    with due as (
      select tenant_id, lead_id, step from lead_sla_steps
      where status = 'open' and due_at <= ${at}::timestamptz
      order by due_at
      limit ${limit}
      for update skip locked
    ), changed as (
      update lead_sla_steps s set status = 'breached', breached_at = s.due_at
      from due d
      where s.tenant_id = d.tenant_id and s.lead_id = d.lead_id and s.step = d.step
      returning s.tenant_id, s.lead_id, s.step, s.owner_id, s.due_at
    ), reddened as (
      update leads l set sla_color = 'red'
      from (select distinct tenant_id, lead_id from changed) b
      where l.tenant_id = b.tenant_id and l.id = b.lead_id and l.status = 'open' and l.sla_color <> 'red'
      returning l.id
    )
    ${alertFacts(sql`values ('owner', c.owner_id), ('supervisor', rl1.supervisor_id)`, addressKeys)}`,
  );
}

/**
 * Marks up to `limit` breached, still unmet steps whose escalate_at has come as escalated (escalated_at =
 * `now`) and returns the facts for the one escalation card each, to the owner's supervisor's supervisor.
 */
export function escalateDueSlaSteps(db: Db, now: Date, limit: number, addressKeys: readonly string[]): Promise<SlaAlertFact[]> {
  const at = now.toISOString();
  return facts(
    db,
    sql`
    with due as (
      select tenant_id, lead_id, step from lead_sla_steps
      where status = 'breached' and escalated_at is null and escalate_at <= ${at}::timestamptz
      order by escalate_at
      limit ${limit}
      for update skip locked
    ), changed as (
      update lead_sla_steps s set escalated_at = ${at}::timestamptz
      from due d
      where s.tenant_id = d.tenant_id and s.lead_id = d.lead_id and s.step = d.step
      returning s.tenant_id, s.lead_id, s.step, s.owner_id, s.due_at
    )
    ${alertFacts(sql`values ('grand_supervisor', rl2.supervisor_id)`, addressKeys)}`,
  );
}
