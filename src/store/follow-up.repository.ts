import { sql } from 'drizzle-orm';
import type { FollowUpLeadFacts } from '../core/rules/follow-up-72h.rule.js';
import type { Db } from './db.js';

interface Row {
  lead_id: string;
  owner_id: string | null;
  team: string | null;
  first_contact_at: Date | string;
  next_rep_action_at: Date | string | null;
}

/**
 * The facts follow-up-72h.rule.ts needs for the tenant's leads first contacted in [from, to): owner, the
 * owner's team, first contact, and the earliest rep action strictly after it (one index probe per lead on
 * sales_actions_lead_time; the rule needs no more).
 */
export async function loadFollowUpFacts(db: Db, tenantId: string, range: { from: Date; to: Date }): Promise<FollowUpLeadFacts[]> {
  const result = (await db.execute(sql`
    select l.id as lead_id, l.owner_id, u.team, l.first_contact_at, next.occurred_at as next_rep_action_at
    from leads l
    left join users u on u.tenant_id = l.tenant_id and u.id = l.owner_id
    left join lateral (
      select a.occurred_at from sales_actions a
      where a.tenant_id = l.tenant_id and a.lead_id = l.id and a.direction = 'rep' and a.occurred_at > l.first_contact_at
      order by a.occurred_at limit 1
    ) next on true
    where l.tenant_id = ${tenantId} and l.first_contact_at >= ${range.from.toISOString()}::timestamptz
      and l.first_contact_at < ${range.to.toISOString()}::timestamptz`)) as unknown as { rows: Row[] };
  return result.rows.map((r) => ({
    leadId: r.lead_id,
    ownerId: r.owner_id,
    team: r.team,
    firstContactAt: new Date(r.first_contact_at),
    repActionsAt: r.next_rep_action_at === null ? [] : [new Date(r.next_rep_action_at)],
  }));
}
