import { and, eq } from 'drizzle-orm';
import type { Db } from '../store/db.js';
import { chatBindings, contactIdentities, contacts, customers, reportingLines, userIdentities, users } from '../store/schema/index.js';
import { DEMO_REGION, DEMO_TEAM, demoCustomers, demoUsers, type DemoContact } from './demo-directory.js';

export interface DemoPeopleSummary {
  users: number;
  userIdentities: number;
  customers: number;
  contacts: number;
  chatBindings: number;
}

/**
 * Writes the demo team, its platform identities, the demo Chinese customers with their contacts and the bound
 * group chats (src/demo/demo-directory.ts). Safe to run again: everything is keyed and upserted.
 */
export async function seedDemoPeople(db: Db, tenantId: string, now: Date): Promise<DemoPeopleSummary> {
  const summary: DemoPeopleSummary = { users: 0, userIdentities: 0, customers: 0, contacts: 0, chatBindings: 0 };
  const userIds = new Map<string, string>();

  for (const person of demoUsers) {
    const externalRef = `demo:${person.key}`;
    const [row] = await db
      .insert(users)
      .values({ tenantId, externalRef, name: person.name, role: person.role, team: DEMO_TEAM, region: DEMO_REGION, email: person.email, createdAt: now })
      .onConflictDoUpdate({
        target: [users.tenantId, users.externalRef],
        set: { name: person.name, role: person.role, team: DEMO_TEAM, region: DEMO_REGION, email: person.email },
      })
      .returning({ id: users.id });
    userIds.set(person.key, row!.id);
    summary.users += 1;
    for (const identity of person.identities) {
      await db
        .insert(userIdentities)
        .values({ tenantId, platform: identity.platform, idType: identity.idType, value: identity.value, userId: row!.id })
        .onConflictDoUpdate({
          target: [userIdentities.tenantId, userIdentities.platform, userIdentities.idType, userIdentities.value],
          set: { userId: row!.id },
        });
      summary.userIdentities += 1;
    }
  }
  for (const person of demoUsers) {
    if (!person.supervisorKey) continue;
    const userId = userIds.get(person.key)!;
    const supervisorId = userIds.get(person.supervisorKey)!;
    await db
      .insert(reportingLines)
      .values({ tenantId, userId, supervisorId, since: now })
      .onConflictDoUpdate({ target: [reportingLines.tenantId, reportingLines.userId], set: { supervisorId } });
  }

  for (const customer of demoCustomers) {
    const { externalRef, name, sector, country, employees } = customer;
    const [row] = await db
      .insert(customers)
      .values({ tenantId, externalRef, name, sector, country, employees, createdAt: now })
      .onConflictDoUpdate({ target: [customers.tenantId, customers.externalRef], set: { name, sector, country, employees } })
      .returning({ id: customers.id });
    const customerId = row!.id;
    summary.customers += 1;
    for (const contact of customer.contacts) {
      await upsertContact(db, tenantId, customerId, contact, now);
      summary.contacts += 1;
    }
    for (const chat of customer.chats) {
      await db
        .insert(chatBindings)
        .values({ tenantId, platform: chat.platform, chatId: chat.chatId, customerId, boundAt: now })
        .onConflictDoUpdate({ target: [chatBindings.tenantId, chatBindings.platform, chatBindings.chatId], set: { customerId } });
      summary.chatBindings += 1;
    }
  }
  return summary;
}

/** Contacts have no external key: the demo one is found again by customer and name. */
async function upsertContact(db: Db, tenantId: string, customerId: string, contact: DemoContact, now: Date): Promise<void> {
  const found = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), eq(contacts.customerId, customerId), eq(contacts.name, contact.name)))
    .limit(1);
  const fields = { title: contact.title, role: contact.role, phone: contact.phone ?? null };
  let contactId = found[0]?.id;
  if (contactId) {
    await db.update(contacts).set(fields).where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, contactId)));
  } else {
    const [row] = await db
      .insert(contacts)
      .values({ tenantId, customerId, name: contact.name, ...fields, createdAt: now })
      .returning({ id: contacts.id });
    contactId = row!.id;
  }
  for (const identity of contact.identities) {
    await db
      .insert(contactIdentities)
      .values({ tenantId, platform: identity.platform, idType: identity.idType, value: identity.value, contactId })
      .onConflictDoUpdate({
        target: [contactIdentities.tenantId, contactIdentities.platform, contactIdentities.idType, contactIdentities.value],
        set: { contactId },
      });
  }
}
