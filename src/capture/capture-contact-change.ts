/** contact.added / contact.removed (WeCom 客户联系): contacts and leads appear; nothing is ever deleted. */
import type { ContactAdded, ContactRemoved } from '../core/events.js';
import type { HandleOutcome } from '../inbound/inbox-processor.js';
import { appendAuditOnce } from '../store/audit.repository.js';
import { addContactIdentities, createContact } from '../store/contact.repository.js';
import { createLead, findOpenLead } from '../store/lead.repository.js';
import { startSlaClock } from '../sla/start-sla-clock.js';
import { eventTime, type CaptureContext } from './capture-context.js';
import { resolveContact, resolveUser } from './resolve-people.js';

/** A rep added a customer: find or create the contact, and open a lead for the rep unless one is already open. */
export async function captureContactAdded(ctx: CaptureContext, event: ContactAdded): Promise<HandleOutcome> {
  const rep = await resolveUser(ctx, event.rep);
  const known = await resolveContact(ctx, event.contact);
  // The platform may not send a name; the external id is the only thing a person can then search for.
  const contact =
    known ?? (await createContact(ctx.db, { tenantId: ctx.tenantId, name: event.contact.name ?? firstId(event.contact.ids), createdAt: ctx.now }));
  await addContactIdentities(ctx.db, ctx.tenantId, contact.id, ctx.platform, event.contact.ids);

  const openLead = await findOpenLead(ctx.db, ctx.tenantId, { contactId: contact.id, customerId: contact.customerId });
  const lead =
    openLead ??
    (await createLead(ctx.db, {
      tenantId: ctx.tenantId,
      customerId: contact.customerId,
      contactId: contact.id,
      ownerId: rep?.id ?? null,
      title: contact.name,
      source: ctx.platform,
      firstContactAt: eventTime(event.occurredAt, ctx.now),
      createdAt: ctx.now,
    }));
  // SLA hook (src/sla): a new lead starts its follow-up clocks.
  if (!openLead) await startSlaClock(ctx, lead);

  const notes: string[] = [];
  if (!rep) notes.push('rep is not a registered user; the lead has no owner');
  if (openLead) notes.push('contact already had an open lead; no new lead');
  else notes.push(`${known ? 'known contact' : 'contact created'}; open lead created`);
  await appendAuditOnce(ctx.db, {
    tenantId: ctx.tenantId,
    at: ctx.now,
    actorType: rep ? 'user' : 'platform',
    actorId: rep?.id ?? null,
    action: 'contact.added',
    subjectType: 'contact',
    subjectId: contact.id,
    detail: {
      inboxEventId: ctx.inboxId,
      platform: ctx.platform,
      contactCreated: !known,
      leadId: lead.id,
      leadCreated: !openLead,
      ...(rep ? {} : { repIds: event.rep.ids }),
      ...(event.state ? { state: event.state } : {}),
      ...(notes.length ? { note: notes.join('; ') } : {}),
    },
  });
  return { status: 'processed', note: notes.join('; ') };
}

/** A rep and a customer are no longer connected on the platform. The history stays; the audit log says what happened. */
export async function captureContactRemoved(ctx: CaptureContext, event: ContactRemoved): Promise<HandleOutcome> {
  const contact = await resolveContact(ctx, event.contact);
  if (!contact) return { status: 'ignored', reason: 'removed contact is not known to salesbeat' };
  const rep = await resolveUser(ctx, event.rep);
  await appendAuditOnce(ctx.db, {
    tenantId: ctx.tenantId,
    at: ctx.now,
    actorType: rep ? 'user' : 'platform',
    actorId: rep?.id ?? null,
    action: 'contact.removed',
    subjectType: 'contact',
    subjectId: contact.id,
    detail: { inboxEventId: ctx.inboxId, platform: ctx.platform, reason: event.reason, ...(rep ? {} : { repIds: event.rep.ids }) },
  });
  return { status: 'processed', note: `contact removed on the platform (${event.reason}); history kept` };
}

function firstId(ids: Record<string, string>): string {
  return ids.external_userid ?? Object.values(ids)[0] ?? 'unknown contact';
}
