import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { captureInboxEvent } from '../../src/capture/capture-inbox-event.js';
import type { ContactAdded, ContactRemoved } from '../../src/core/events.js';
import { auditLog, contactIdentities, contacts, leads, salesActions } from '../../src/store/schema/index.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { inboxRow, message, NOW, seedSalesTeam, TENANT, type Seeded } from './capture-seed.js';

function added(externalUserId: string, repUserId = 'alice', name: string | null = '李雷'): ContactAdded {
  return {
    kind: 'contact.added',
    occurredAt: '2026-03-02T01:30:00.000Z',
    rep: { ids: { userid: repUserId }, external: false },
    contact: { ids: { external_userid: externalUserId }, ...(name !== null ? { name } : {}), external: true },
    state: 'expo-2026',
  };
}

describe.each(databaseKinds)('capture of WeCom contact changes on %s', (kind) => {
  let testDb: TestDatabase;
  let seeded: Seeded;
  const db = () => testDb.database.db;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  beforeEach(async () => {
    seeded = await seedSalesTeam(db());
  });
  afterEach(async () => {
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  const newContacts = () => db().select().from(contacts).where(and(eq(contacts.tenantId, TENANT), eq(contacts.name, '李雷')));
  const openLeadsOf = (contactId: string) =>
    db().select().from(leads).where(and(eq(leads.tenantId, TENANT), eq(leads.contactId, contactId), eq(leads.status, 'open')));
  const audit = () => db().select().from(auditLog).where(eq(auditLog.tenantId, TENANT));

  it('creates the contact and an open lead owned by the rep who added them', async () => {
    const row = inboxRow(added('wm_lilei'), 'wecom');
    expect(await captureInboxEvent(db(), row, NOW)).toEqual({ status: 'processed', note: 'contact created; open lead created' });

    const [contact, ...more] = await newContacts();
    expect(more).toHaveLength(0);
    expect(contact).toMatchObject({ customerId: null });
    const identities = await db().select().from(contactIdentities).where(eq(contactIdentities.contactId, contact!.id));
    expect(identities).toEqual([expect.objectContaining({ platform: 'wecom', idType: 'external_userid', value: 'wm_lilei' })]);

    const [lead] = await openLeadsOf(contact!.id);
    expect(lead).toMatchObject({ ownerId: seeded.alice, source: 'wecom', title: '李雷', customerId: null });
    expect(lead!.firstContactAt?.toISOString()).toBe('2026-03-02T01:30:00.000Z');

    expect(await audit()).toEqual([
      expect.objectContaining({
        action: 'contact.added',
        actorType: 'user',
        actorId: seeded.alice,
        subjectType: 'contact',
        subjectId: contact!.id,
        detail: expect.objectContaining({ inboxEventId: row.id, contactCreated: true, leadCreated: true, leadId: lead!.id, state: 'expo-2026' }),
      }),
    ]);
  });

  it('changes nothing when the same add is processed twice', async () => {
    const row = inboxRow(added('wm_lilei'), 'wecom');
    await captureInboxEvent(db(), row, NOW);
    await captureInboxEvent(db(), row, NOW);
    const [contact, ...more] = await newContacts();
    expect(more).toHaveLength(0);
    expect(await openLeadsOf(contact!.id)).toHaveLength(1);
    expect(await audit()).toHaveLength(1);
  });

  it('keeps the existing open lead when a second rep adds the same customer', async () => {
    await captureInboxEvent(db(), inboxRow(added('wm_lilei'), 'wecom'), NOW);
    const outcome = await captureInboxEvent(db(), inboxRow(added('wm_lilei', 'alice'), 'wecom'), NOW);
    expect(outcome).toMatchObject({ status: 'processed', note: expect.stringMatching(/already had an open lead/) });
    const [contact] = await newContacts();
    expect(await openLeadsOf(contact!.id)).toHaveLength(1);
    expect(await audit()).toHaveLength(2);
  });

  it('still creates the contact when the rep is unknown, leaving the lead unowned and saying why', async () => {
    const outcome = await captureInboxEvent(db(), inboxRow(added('wm_lilei', 'nobody'), 'wecom'), NOW);
    expect(outcome).toMatchObject({ status: 'processed', note: expect.stringMatching(/not a registered user/) });
    const [contact] = await newContacts();
    const [lead] = await openLeadsOf(contact!.id);
    expect(lead!.ownerId).toBeNull();
    const [entry] = await audit();
    expect(entry).toMatchObject({ actorType: 'platform', actorId: null, detail: expect.objectContaining({ repIds: { userid: 'nobody' } }) });
  });

  it('names a contact the platform sent without a name after their external id', async () => {
    await captureInboxEvent(db(), inboxRow(added('wm_noname', 'alice', null), 'wecom'), NOW);
    const rows = await db().select().from(contacts).where(and(eq(contacts.tenantId, TENANT), eq(contacts.name, 'wm_noname')));
    expect(rows).toHaveLength(1);
  });

  it('records a later message from the new contact on their lead', async () => {
    await captureInboxEvent(db(), inboxRow(added('wm_lilei'), 'wecom'), NOW);
    const fromContact = message('预算大概五十万', {
      toBot: false,
      chat: { id: 'wm_lilei_direct', type: 'direct' },
      sender: { ids: { external_userid: 'wm_lilei' }, external: true },
    });
    await captureInboxEvent(db(), inboxRow(fromContact, 'wecom'), NOW);
    const [contact] = await newContacts();
    const [lead] = await openLeadsOf(contact!.id);
    const [action] = await db().select().from(salesActions).where(eq(salesActions.tenantId, TENANT));
    expect(action).toMatchObject({ contactId: contact!.id, leadId: lead!.id, direction: 'customer', keywords: ['budget'] });
    const [touched] = await openLeadsOf(contact!.id);
    expect(touched!.lastActionAt?.toISOString()).toBe('2026-03-02T02:00:00.000Z');
    // first contact was the add itself, earlier than the message
    expect(touched!.firstContactAt?.toISOString()).toBe('2026-03-02T01:30:00.000Z');
  });

  it('writes a removal to the audit log and deletes nothing', async () => {
    await captureInboxEvent(db(), inboxRow(added('wm_lilei'), 'wecom'), NOW);
    const removed: ContactRemoved = {
      kind: 'contact.removed',
      occurredAt: '2026-03-03T00:00:00.000Z',
      rep: { ids: { userid: 'alice' }, external: false },
      contact: { ids: { external_userid: 'wm_lilei' }, external: true },
      reason: 'customer_removed_rep',
    };
    const outcome = await captureInboxEvent(db(), inboxRow(removed, 'wecom'), NOW);
    expect(outcome).toMatchObject({ status: 'processed', note: expect.stringMatching(/customer_removed_rep.*history kept/) });
    const [contact] = await newContacts();
    expect(await openLeadsOf(contact!.id)).toHaveLength(1);
    expect((await audit()).map((a) => a.action)).toEqual(['contact.added', 'contact.removed']);
  });

  it('ignores the removal of a contact salesbeat never knew', async () => {
    const removed: ContactRemoved = {
      kind: 'contact.removed',
      occurredAt: '2026-03-03T00:00:00.000Z',
      rep: { ids: { userid: 'alice' }, external: false },
      contact: { ids: { external_userid: 'wm_unknown' }, external: true },
      reason: 'rep_removed_customer',
    };
    expect(await captureInboxEvent(db(), inboxRow(removed, 'wecom'), NOW)).toEqual({ status: 'ignored', reason: 'removed contact is not known to salesbeat' });
    expect(await audit()).toHaveLength(0);
  });
});
