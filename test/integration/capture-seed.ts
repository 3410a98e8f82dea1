/** Seed data and event builders shared by the capture integration suites (not a test file itself). */
import { randomUUID } from 'node:crypto';
import type { DomainEvent, MessageReceived } from '../../src/core/events.js';
import type { PendingInboxEvent } from '../../src/inbound/inbox-processor.js';
import type { Db } from '../../src/store/db.js';
import { contactIdentities, contacts, customers, deals, leads, userIdentities, users } from '../../src/store/schema/index.js';
import { upsertTenant } from '../../src/store/tenant.repository.js';

export const TENANT = 'acme-sales';
export const OTHER_TENANT = 'other-sales';
export const NOW = new Date('2026-03-02T03:00:00.000Z');

export interface Seeded {
  alice: string;
  bob: string;
  acme: string;
  huawei: string;
  huaweiCloud: string;
  jane: string;
  acmeLead: string;
  acmeDeal: string;
}

/** Two reps, three customers (two of them look alike), one contact with a phone, an open lead and deal on Acme. */
export async function seedSalesTeam(db: Db): Promise<Seeded> {
  await upsertTenant(db, { id: TENANT, name: 'Acme Sales' });
  await upsertTenant(db, { id: OTHER_TENANT, name: 'Other Sales' });
  const [alice, bob] = await db
    .insert(users)
    .values([
      { tenantId: TENANT, name: 'Alice Wang', email: 'alice@example.com' },
      { tenantId: TENANT, name: 'Bob Li' },
    ])
    .returning({ id: users.id });
  await db.insert(userIdentities).values([
    { tenantId: TENANT, platform: 'feishu', idType: 'open_id', value: 'ou_alice', userId: alice!.id },
    { tenantId: TENANT, platform: 'wecom', idType: 'userid', value: 'alice', userId: alice!.id },
    { tenantId: TENANT, platform: 'feishu', idType: 'open_id', value: 'ou_bob', userId: bob!.id },
  ]);
  const [acme, huawei, huaweiCloud] = await db
    .insert(customers)
    .values([
      { tenantId: TENANT, name: 'Acme Corporation' },
      { tenantId: TENANT, name: '华为技术有限公司' },
      { tenantId: TENANT, name: '华为云计算' },
    ])
    .returning({ id: customers.id });
  // Same names in another tenant must never be seen.
  await db.insert(customers).values([{ tenantId: OTHER_TENANT, name: 'Acme Corporation' }, { tenantId: OTHER_TENANT, name: 'Umbrella' }]);
  const [jane] = await db
    .insert(contacts)
    .values({ tenantId: TENANT, customerId: acme!.id, name: 'Jane Doe', phone: '+86 138-1234-5678' })
    .returning({ id: contacts.id });
  await db.insert(contactIdentities).values({ tenantId: TENANT, platform: 'feishu', idType: 'open_id', value: 'ou_jane', contactId: jane!.id });
  const [acmeLead] = await db
    .insert(leads)
    .values({ tenantId: TENANT, customerId: acme!.id, ownerId: alice!.id, title: 'Acme CRM rollout', source: 'manual', createdAt: new Date('2026-02-01T00:00:00Z') })
    .returning({ id: leads.id });
  const [acmeDeal] = await db
    .insert(deals)
    .values({ tenantId: TENANT, customerId: acme!.id, leadId: acmeLead!.id, ownerId: alice!.id, title: 'Acme 200 seats', stage: 'proposal' })
    .returning({ id: deals.id });
  return {
    alice: alice!.id,
    bob: bob!.id,
    acme: acme!.id,
    huawei: huawei!.id,
    huaweiCloud: huaweiCloud!.id,
    jane: jane!.id,
    acmeLead: acmeLead!.id,
    acmeDeal: acmeDeal!.id,
  };
}

export function inboxRow(event: DomainEvent, platform = 'feishu', tenantId = TENANT): PendingInboxEvent {
  return { tenantId, id: randomUUID(), platform, event, attempts: 1 };
}

let counter = 0;

/** A chat message; by default Alice writes to the bot in a group chat. */
export function message(text: string, overrides: Partial<MessageReceived> = {}): MessageReceived {
  counter += 1;
  return {
    kind: 'message.received',
    occurredAt: '2026-03-02T02:00:00.000Z',
    messageId: `om_${counter}`,
    chat: { id: 'oc_group', type: 'group', title: 'Acme project' },
    sender: { ids: { open_id: 'ou_alice', union_id: 'on_alice' }, external: false },
    text,
    contentType: 'text',
    toBot: true,
    ...overrides,
  };
}
