/** meeting.ended: a meeting with a customer, matched by who attended or by the topic. */
import type { MeetingEnded, PlatformPerson } from '../core/events.js';
import { extractKeywords } from '../core/rules/keywords.rule.js';
import { matchMeetingCustomer } from '../core/rules/meeting-customer.rule.js';
import type { HandleOutcome } from '../inbound/inbox-processor.js';
import type { ContactRef } from '../store/contact.repository.js';
import { findCustomersNamedIn } from '../store/customer.repository.js';
import type { UserRef } from '../store/user-identity.repository.js';
import { eventTime, type CaptureContext } from './capture-context.js';
import { recordAction, sourceRef } from './record-action.js';
import { resolveContact, resolveUser } from './resolve-people.js';

export async function captureMeetingEnded(ctx: CaptureContext, event: MeetingEnded): Promise<HandleOutcome> {
  const people = [...(event.host ? [event.host] : []), ...event.participants];
  const users: UserRef[] = [];
  const contacts: ContactRef[] = [];
  for (const person of people) {
    const { user, contact } = (await identify(ctx, person)) ?? {};
    if (user && !users.some((u) => u.id === user.id)) users.push(user);
    if (contact && !contacts.some((c) => c.id === contact.id)) contacts.push(contact);
  }

  const match = matchMeetingCustomer({
    participantCustomerIds: contacts.map((c) => c.customerId),
    topic: event.topic,
    topicCandidates: await findCustomersNamedIn(ctx.db, ctx.tenantId, event.topic),
  });
  // A contact added on WeCom may have no company yet; their presence still ties the meeting to them (and their lead).
  const companyless = contacts.find((c) => c.customerId === null);
  if (match.status === 'none' && !companyless) return { status: 'ignored', reason: match.reason };
  const customerId = match.status === 'matched' ? match.customerId : null;
  const contact = customerId ? contacts.find((c) => c.customerId === customerId) : companyless;

  const endedAt = eventTime(event.occurredAt, ctx.now);
  const startedAt = event.startedAt ? eventTime(event.startedAt, endedAt) : undefined;
  // The action is dated when the meeting began, like a call; the duration says how long it ran.
  const durationSeconds = startedAt ? Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000)) : null;
  // The host comes first in `people`, so this is the host when known, else the first colleague who attended.
  const actor = users[0];
  await recordAction(ctx, {
    kind: 'meeting',
    occurredAt: startedAt ?? endedAt,
    actorId: actor?.id ?? null,
    customerId,
    contactId: contact?.id ?? null,
    channel: 'meeting',
    direction: 'rep',
    summary: event.topic.trim() || null,
    keywords: extractKeywords(event.topic),
    durationSeconds,
    // Recurring meetings may reuse their id; the start time tells the occurrences apart.
    sourceRef: sourceRef(ctx.platform, 'meeting', event.meetingId, event.startedAt ?? event.occurredAt),
  });
  return actor ? { status: 'processed' } : { status: 'processed', note: 'no registered user attended; meeting recorded without a rep' };
}

async function identify(ctx: CaptureContext, person: PlatformPerson): Promise<{ user?: UserRef; contact?: ContactRef } | undefined> {
  if (!person.external) {
    const user = await resolveUser(ctx, person);
    if (user) return { user };
  }
  const contact = await resolveContact(ctx, person);
  return contact ? { contact } : undefined;
}
