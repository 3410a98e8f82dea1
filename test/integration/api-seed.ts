import type { Db } from '../../src/store/db.js';
import { customers, deals, inboxEvents, leads, salesActions, users } from '../../src/store/schema/index.js';
import { upsertTenant } from '../../src/store/tenant.repository.js';

export interface SeededTenant {
  id: string;
  rep: string;
  supervisor: string;
  customer: string;
  otherCustomer: string;
  lead: string;
  wonDeal: string;
}

/**
 * A small, fully known tenant for the API tests: 2 users, 2 customers, 2 leads, 3 deals, 4 actions, 3 inbox
 * events. Names carry the tenant id so a leak between tenants is visible in any assertion.
 */
export async function seedApiTenant(db: Db, id: string, settings: Record<string, unknown> = {}): Promise<SeededTenant> {
  await upsertTenant(db, { id, name: `${id} Ltd`, settings });
  const [rep, supervisor] = await db
    .insert(users)
    .values([
      { tenantId: id, name: `${id} rep 张三`, role: 'rep', team: 'East', region: 'East' },
      { tenantId: id, name: `${id} boss 王芳`, role: 'supervisor' },
    ])
    .returning({ id: users.id });
  const [customer, otherCustomer] = await db
    .insert(customers)
    .values([
      { tenantId: id, name: `${id} 上海申通精密 100%`, sector: 'manufacturing', revenueFen: 123_456_789 },
      { tenantId: id, name: `${id} Yunfan Tech`, sector: 'software' },
    ])
    .returning({ id: customers.id });
  const [lead] = await db
    .insert(leads)
    .values([
      { tenantId: id, customerId: customer!.id, ownerId: rep!.id, title: `${id} lead open`, status: 'open', amountFen: 50_000 },
      { tenantId: id, customerId: otherCustomer!.id, ownerId: rep!.id, title: `${id} lead lost`, status: 'lost' },
    ])
    .returning({ id: leads.id });
  const [wonDeal] = await db
    .insert(deals)
    .values([
      { tenantId: id, customerId: customer!.id, ownerId: rep!.id, title: `${id} deal won`, stage: 'delivery_kickoff', status: 'won', amountFen: 1_000_000 },
      { tenantId: id, customerId: customer!.id, ownerId: supervisor!.id, title: `${id} deal open`, stage: 'need_consensus', status: 'open', amountFen: 250 },
      { tenantId: id, customerId: otherCustomer!.id, ownerId: rep!.id, title: `${id} deal lost`, stage: 'solution_comparison', status: 'lost' },
    ])
    .returning({ id: deals.id });
  const action = (n: number, kind: 'message' | 'call' | 'meeting', occurredAt: string, customerId: string | null) => ({
    tenantId: id,
    kind,
    occurredAt: new Date(occurredAt),
    actorId: rep!.id,
    customerId,
    leadId: customerId === customer!.id ? lead!.id : null,
    channel: kind === 'call' ? 'phone' : 'group_chat',
    platform: kind === 'call' ? 'calls' : 'feishu',
    summary: `${id} action ${n}`,
    sourceRef: `${id}:action:${n}`,
  });
  await db.insert(salesActions).values([
    // 2026-03-01 23:30 and 2026-03-02 00:30 in Shanghai: either side of a day boundary.
    action(1, 'message', '2026-03-01T15:30:00.000Z', customer!.id),
    action(2, 'message', '2026-03-01T16:30:00.000Z', customer!.id),
    action(3, 'call', '2026-03-03T02:00:00.000Z', otherCustomer!.id),
    action(4, 'meeting', '2026-03-05T02:00:00.000Z', null),
  ]);
  const inbox = (n: number, platform: string, status: 'processed' | 'ignored' | 'failed') => ({
    tenantId: id,
    platform,
    transport: 'http',
    dedupKey: `${id}-evt-${n}`,
    vendorType: 'im.message.receive_v1',
    kind: status === 'ignored' ? 'ignored' : 'message.received',
    status,
    ignoreReason: status === 'ignored' ? 'unsupported event type' : null,
    event: { kind: 'message.received', text: `${id} secret text` },
    raw: `{"secret":"${id} raw payload"}`,
    attempts: status === 'failed' ? 3 : 1,
    lastError: status === 'failed' ? 'boom' : null,
  });
  await db.insert(inboxEvents).values([inbox(1, 'feishu', 'processed'), inbox(2, 'wecom', 'ignored'), inbox(3, 'dingtalk', 'failed')]);
  return { id, rep: rep!.id, supervisor: supervisor!.id, customer: customer!.id, otherCustomer: otherCustomer!.id, lead: lead!.id, wonDeal: wonDeal!.id };
}
