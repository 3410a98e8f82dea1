/** The seed's headline measure for a tenant: share of leads touched again within 72 hours of first contact, per rep and team. */
import { followUp72h, type FollowUpReport } from '../core/rules/follow-up-72h.rule.js';
import type { Db } from '../store/db.js';
import { loadFollowUpFacts } from '../store/follow-up.repository.js';

/** Over the leads first contacted in [from, to); leads still inside their 72 hours at `now` are reported as pending. */
export async function followUpReport(db: Db, tenantId: string, range: { from: Date; to: Date }, now: Date): Promise<FollowUpReport> {
  return followUp72h(await loadFollowUpFacts(db, tenantId, range), now);
}
