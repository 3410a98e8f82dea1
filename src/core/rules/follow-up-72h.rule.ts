/**
 * The seed's headline measure: the share of leads touched again within 72 hours of first contact.
 *
 * Precisely: a lead is *touched again* when a rep action on it (direction `rep`, any colleague) happened
 * strictly after `first_contact_at` and at most 72 hours after it — wall-clock hours, not working hours
 * (the measure is about the customer's experience, and the customer's weekend counts). The first contact
 * itself (the WeCom add, or the first action) never counts as the second touch, and a customer's messages
 * are not touches. A lead not touched again counts as *missed* only once its 72 hours are over; before that
 * it is *pending* and left out of the share, so fresh leads do not drag the figure down. Leads without a
 * first contact are not counted. Per rep = by lead owner; per team = by the owner's team.
 */
import { MS_PER_HOUR } from '../working-time/index.js';

export const FOLLOW_UP_WINDOW_HOURS = 72;

export interface FollowUpLeadFacts {
  leadId: string;
  ownerId: string | null;
  team: string | null;
  firstContactAt: Date | null;
  /** Rep actions on the lead; the earliest one after first contact is enough. */
  repActionsAt: readonly Date[];
}

export type FollowUpOutcome = 'touched_again' | 'missed' | 'pending' | 'no_contact';

export function followUpOutcome(lead: FollowUpLeadFacts, now: Date): FollowUpOutcome {
  if (!lead.firstContactAt) return 'no_contact';
  const from = lead.firstContactAt.getTime();
  const until = from + FOLLOW_UP_WINDOW_HOURS * MS_PER_HOUR;
  if (lead.repActionsAt.some((at) => at.getTime() > from && at.getTime() <= until)) return 'touched_again';
  return now.getTime() >= until ? 'missed' : 'pending';
}

export interface FollowUpShare {
  /** The owner's user id, the team name, or null for "all leads". */
  key: string | null;
  /** Leads decided (touched again + missed): the share's denominator. */
  decided: number;
  touchedAgain: number;
  pending: number;
  /** touchedAgain / decided, or null when nothing is decided yet. */
  share: number | null;
}

export interface FollowUpReport {
  overall: FollowUpShare;
  byRep: FollowUpShare[];
  byTeam: FollowUpShare[];
}

function emptyShare(key: string | null): FollowUpShare {
  return { key, decided: 0, touchedAgain: 0, pending: 0, share: null };
}

function add(share: FollowUpShare, outcome: FollowUpOutcome): void {
  if (outcome === 'pending') share.pending += 1;
  if (outcome === 'touched_again' || outcome === 'missed') share.decided += 1;
  if (outcome === 'touched_again') share.touchedAgain += 1;
  share.share = share.decided === 0 ? null : share.touchedAgain / share.decided;
}

/** Per rep and per team (unowned leads count only in `overall`; reps without a team only per rep). Sorted by key. */
export function followUp72h(leads: readonly FollowUpLeadFacts[], now: Date): FollowUpReport {
  const overall = emptyShare(null);
  const byRep = new Map<string, FollowUpShare>();
  const byTeam = new Map<string, FollowUpShare>();
  for (const lead of leads) {
    const outcome = followUpOutcome(lead, now);
    if (outcome === 'no_contact') continue;
    add(overall, outcome);
    if (lead.ownerId === null) continue;
    if (!byRep.has(lead.ownerId)) byRep.set(lead.ownerId, emptyShare(lead.ownerId));
    add(byRep.get(lead.ownerId)!, outcome);
    if (lead.team === null) continue;
    if (!byTeam.has(lead.team)) byTeam.set(lead.team, emptyShare(lead.team));
    add(byTeam.get(lead.team)!, outcome);
  }
  const sorted = (m: Map<string, FollowUpShare>) => [...m.values()].sort((a, b) => (a.key! < b.key! ? -1 : a.key! > b.key! ? 1 : 0));
  return { overall, byRep: sorted(byRep), byTeam: sorted(byTeam) };
}
