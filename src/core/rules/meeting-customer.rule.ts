/**
 * Which customer a meeting was with. Participants who are known contacts decide first (the customer
 * with the most of them); a tie is broken by the topic; with no known contact, a customer whose name
 * appears in the topic ("华为 Q3 复盘") is taken. Anything less certain is no match, with the reason.
 */
import { normalizeName, type NamedCandidate } from './customer-name.rule.js';

/** Names shorter than this are too likely to appear in a topic by accident ("A", "云"). */
export const MIN_TOPIC_NAME_LENGTH = 2;

export interface MeetingEvidence {
  /** For each participant who is a known contact: that contact's customer (null when the contact has none yet). */
  participantCustomerIds: Array<string | null>;
  topic: string;
  /** Customers that may be named in the topic; the rule checks each name itself. */
  topicCandidates: NamedCandidate[];
}

export type MeetingCustomerMatch =
  | { status: 'matched'; customerId: string; by: 'participants' | 'topic' }
  | { status: 'none'; reason: string };

export function matchMeetingCustomer(evidence: MeetingEvidence): MeetingCustomerMatch {
  const named = customersNamedIn(evidence.topic, evidence.topicCandidates);
  const counts = new Map<string, number>();
  for (const id of evidence.participantCustomerIds) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);

  if (counts.size > 0) {
    const most = Math.max(...counts.values());
    const leaders = [...counts.keys()].filter((id) => counts.get(id) === most);
    if (leaders.length === 1) return { status: 'matched', customerId: leaders[0]!, by: 'participants' };
    const inTopic = leaders.filter((id) => named.some((c) => c.id === id));
    if (inTopic.length === 1) return { status: 'matched', customerId: inTopic[0]!, by: 'participants' };
    return { status: 'none', reason: `meeting participants belong to ${leaders.length} customers equally; cannot tell which one` };
  }

  const inText = customerNamedInText(evidence.topic, named);
  if (inText.status === 'matched') return { status: 'matched', customerId: inText.customerId, by: 'topic' };
  if (inText.namesFound === 0) return { status: 'none', reason: 'no participant is a known contact and the topic names no customer' };
  return { status: 'none', reason: `meeting topic names ${inText.namesFound} customers; cannot tell which one` };
}

/**
 * The one customer a free text (a meeting topic, a group title) names. The longest name wins when the
 * others are part of it ("华为云" over "华为"); unrelated names make it ambiguous.
 */
export function customerNamedInText(
  text: string,
  candidates: NamedCandidate[],
): { status: 'matched'; customerId: string } | { status: 'none'; /** how many unrelated names the text holds: 0 or 2+ */ namesFound: number } {
  const named = customersNamedIn(text, candidates);
  if (named.length === 0) return { status: 'none', namesFound: 0 };
  const [longest, ...others] = [...named].sort((a, b) => normalizeName(b.name).length - normalizeName(a.name).length);
  const unrelated = others.filter((c) => !normalizeName(longest!.name).includes(normalizeName(c.name)));
  if (unrelated.length > 0) return { status: 'none', namesFound: unrelated.length + 1 };
  return { status: 'matched', customerId: longest!.id };
}

/** Candidates whose (long enough) name appears in `text`, case-insensitively. */
export function customersNamedIn<T extends NamedCandidate>(text: string, candidates: T[]): T[] {
  const haystack = normalizeName(text);
  return candidates.filter((c) => {
    const name = normalizeName(c.name);
    return [...name].length >= MIN_TOPIC_NAME_LENGTH && haystack.includes(name);
  });
}
