import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { InboundEvent } from '../../adapters/contract.js';
import { InboxProcessor, type InboxEventHandler } from '../../src/inbound/inbox-processor.js';
import { InboxWriter } from '../../src/store/inbox-writer.js';
import { upsertTenant } from '../../src/store/tenant.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';

const quiet = pino({ level: 'silent' });

function messageEvent(dedupKey: string): InboundEvent {
  return {
    dedupKey,
    vendorType: 'im.message.receive_v1',
    raw: `{"message_id":"${dedupKey}","text":"预算"}`,
    event: {
      kind: 'message.received',
      occurredAt: '2026-03-02T02:00:00.000Z',
      messageId: dedupKey,
      chat: { id: 'oc_1', type: 'group' },
      sender: { ids: { open_id: 'ou_1' }, external: false },
      text: '预算',
      contentType: 'text',
      toBot: false,
    },
  };
}

describe.each(databaseKinds)('inbox on %s', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  async function seedTenants() {
    await upsertTenant(testDb.database.db, { id: 'acme', name: 'Acme' });
    await upsertTenant(testDb.database.db, { id: 'globex', name: 'Globex' });
  }

  it('stores a key once per tenant and platform, even when repeated inside one batch', async () => {
    await seedTenants();
    const writer = new InboxWriter(testDb.database);
    const row = (tenantId: string, key: string) => ({ tenantId, platform: 'feishu', transport: 'http', event: messageEvent(key) });
    const [first, second, third] = await Promise.all([
      writer.write([row('acme', 'm1'), row('acme', 'm1')]),
      writer.write([row('acme', 'm1')]),
      writer.write([row('globex', 'm1')]),
    ]);
    expect(first!.map((r) => r.status)).toEqual(['accepted', 'duplicate']);
    expect(second!.map((r) => r.status)).toEqual(['duplicate']);
    expect(third!.map((r) => r.status)).toEqual(['accepted']);
    const rows = await testDb.database.query<{ tenant_id: string; status: string }>(
      'select tenant_id, status from inbox_events order by tenant_id',
    );
    expect(rows).toEqual([
      { tenant_id: 'acme', status: 'pending' },
      { tenant_id: 'globex', status: 'pending' },
    ]);
  });

  it('stores an event whose text contains U+0000 (which Postgres cannot hold) with U+FFFD in its place', async () => {
    await seedTenants();
    const event = messageEvent('nul\u0000key');
    event.raw = '{"text":"before\u0000after"}';
    if (event.event.kind === 'message.received') event.event.text = 'before\u0000after';
    const [result] = await new InboxWriter(testDb.database).write([{ tenantId: 'acme', platform: 'feishu', transport: 'http', event }]);
    expect(result!.status).toBe('accepted');
    const [row] = await testDb.database.query<{ dedup_key: string; raw: string; event: { text: string } }>('select dedup_key, raw, event from inbox_events');
    expect(row!.dedup_key).toBe('nul\ufffdkey');
    expect(row!.raw).toBe('{"text":"before\ufffdafter"}');
    expect(row!.event.text).toBe('before\ufffdafter');
  });

  it('stores an ignored event as already settled, with its reason', async () => {
    await seedTenants();
    const writer = new InboxWriter(testDb.database);
    await writer.write([
      {
        tenantId: 'acme',
        platform: 'feishu',
        transport: 'http',
        event: { dedupKey: 'e1', vendorType: 'im.message.message_read_v1', raw: '{}', event: { kind: 'ignored', occurredAt: '2026-03-02T02:00:00Z', reason: 'read receipts are not sales actions' } },
      },
    ]);
    const [row] = await testDb.database.query<{ status: string; ignore_reason: string; processed_at: Date | null }>(
      'select status, ignore_reason, processed_at from inbox_events',
    );
    expect(row!.status).toBe('ignored');
    expect(row!.ignore_reason).toBe('read receipts are not sales actions');
    expect(row!.processed_at).not.toBeNull();
  });

  it('retries a failing event with its error recorded, then processes it', async () => {
    await seedTenants();
    await new InboxWriter(testDb.database).write([{ tenantId: 'acme', platform: 'feishu', transport: 'http', event: messageEvent('m2') }]);
    let calls = 0;
    const flaky: InboxEventHandler = async () => {
      calls += 1;
      if (calls <= 2) throw new Error('customer table locked'); // fails in the batch, and again on its own
      return { status: 'processed' };
    };
    const processor = new InboxProcessor(testDb.database, flaky, quiet);
    expect(await processor.drain()).toBe(1);
    const [failed] = await testDb.database.query<{ status: string; attempts: number; last_error: string }>(
      'select status, attempts, last_error from inbox_events',
    );
    expect(failed).toEqual({ status: 'pending', attempts: 1, last_error: 'customer table locked' });

    await testDb.database.query(`update inbox_events set next_attempt_at = now()`); // the backoff has passed
    expect(await processor.drain()).toBe(1);
    const [done] = await testDb.database.query<{ status: string; attempts: number; last_error: string | null }>(
      'select status, attempts, last_error from inbox_events',
    );
    expect(done).toEqual({ status: 'processed', attempts: 2, last_error: null });
  });

  it('lets two processors share the work without handling any event twice', async () => {
    await seedTenants();
    const writer = new InboxWriter(testDb.database);
    await writer.write(Array.from({ length: 120 }, (_, i) => ({ tenantId: 'acme', platform: 'feishu', transport: 'http', event: messageEvent(`k${i}`) })));
    const seen: string[] = [];
    const handler: InboxEventHandler = async (_db, row) => {
      seen.push(row.id);
      return { status: 'processed' };
    };
    const a = new InboxProcessor(testDb.database, handler, quiet);
    const b = new InboxProcessor(testDb.database, handler, quiet);
    const [na, nb] = await Promise.all([a.drain(), b.drain()]);
    expect(na + nb).toBe(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen.length).toBe(120);
  });
});
