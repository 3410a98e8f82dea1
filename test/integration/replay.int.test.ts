/** Every recorded payload in ../shared replays through the real pipeline without a crash and ends settled. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTenant } from '../../src/demo/seed-demo-tenant.js';
import { followCapture } from '../../src/replay/follow-capture.js';
import { collectPayloadFiles } from '../../src/replay/payload-files.js';
import { replayPayloads, type ReplayResult } from '../../src/replay/replay-payloads.js';
import type { Service } from '../../src/service.js';
import { allCredentials } from '../../src/store/tenant.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';

const payloadsFolder = path.resolve(import.meta.dirname, '../../../shared/data/payloads');

describe.each(databaseKinds)('replay of every shared payload on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service;
  let results: ReplayResult[];
  const networkCalls: string[] = [];

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    // The demo tenant's keys are made up: nothing may ever be sent to a real platform.
    const noNetwork = (async (url: string | URL | Request) => {
      networkCalls.push(String(url));
      throw new Error('no network in the demo');
    }) as typeof fetch;
    service = await createTestService(testDb, {}, { fetch: noNetwork });
    await seedDemoTenant(testDb.database.db, new Date());
    const credentials = await allCredentials(testDb.database.db, 'demo');
    const files = await collectPayloadFiles([payloadsFolder]);
    results = await replayPayloads(files, {
      tenantId: 'demo',
      credentialsFor: (p) => credentials[p] ?? {},
      now: () => new Date(),
      send: async (platform, tenant, request) => {
        const response = await service.app.inject({
          method: request.method,
          url: `/webhooks/${platform}/${tenant}`,
          query: request.query,
          headers: request.headers as Record<string, string>,
          payload: request.rawBody,
        });
        return { status: response.statusCode, headers: response.headers as Record<string, string>, body: response.body };
      },
    });
    await service.processor.drain();
  }, 120_000);
  afterAll(async () => {
    await service.stop();
    await testDb.destroy();
  });

  it('recognises every file and rejects none', () => {
    expect(results.length).toBeGreaterThanOrEqual(30);
    expect(results.filter((r) => r.status === 'rejected' || r.status === 'unrecognised')).toEqual([]);
  });

  it('skips only files that are not inbound requests, each with its reason', () => {
    const skipped = results.filter((r) => r.status === 'skipped').map((r) => path.basename(r.file)).sort();
    expect(skipped).toEqual([
      'card.action.trigger.response.toast_and_raw_card.json',
      'encrypt_key_vector.json',
      'encrypted_callback_vector.json',
      'stream_ack.callback.robot_message.json',
      'stream_ack.event.json',
      'stream_ack.system.ping.json',
      'stream_frame.system.disconnect.json',
      'stream_frame.system.ping.json',
    ]);
    expect(results.filter((r) => r.status === 'skipped').every((r) => (r.reason ?? '').length > 10)).toBe(true);
  });

  it('settles every stored event as processed or ignored with a reason', async () => {
    const fates = await followCapture(testDb.database, 'demo', results);
    const ids = results.flatMap((r) => r.inboxIds);
    expect(ids.length).toBe(results.filter((r) => r.status === 'accepted' || r.status === 'ignored').length);
    for (const id of ids) {
      const fate = fates.get(id)!;
      expect(['processed', 'ignored']).toContain(fate.status);
      if (fate.status === 'ignored') expect(fate.reason).toBeTruthy();
    }
  });

  it('captures the rep messages and the WeCom customer as real records on the demo tenant', async () => {
    const [actions] = await testDb.database.query<{ n: string }>(`select count(*) as n from sales_actions where tenant_id = 'demo'`);
    expect(Number(actions!.n)).toBeGreaterThanOrEqual(2);
    const [lead] = await testDb.database.query<{ source: string; owner: string }>(
      `select l.source, u.name as owner from leads l join contact_identities ci on ci.tenant_id = l.tenant_id and ci.contact_id = l.contact_id
       left join users u on u.tenant_id = l.tenant_id and u.id = l.owner_id
       where l.tenant_id = 'demo' and ci.value = 'woAJ2GCAAAXtWyujaWJHDDGi0mACH71w'`,
    );
    expect(lead).toEqual({ source: 'wecom', owner: '张三' });
  });
});

describe('replies on the demo tenant', () => {
  it.each(databaseKinds)('stay in the console and never reach a platform (%s)', async (kind) => {
    const testDb = await createTestDatabase(kind);
    const calls: string[] = [];
    const service = await createTestService(testDb, {}, {
      fetch: (async (url: string | URL | Request) => {
        calls.push(String(url));
        throw new Error('no network');
      }) as typeof fetch,
    });
    try {
      await seedDemoTenant(testDb.database.db, new Date());
      const credentials = await allCredentials(testDb.database.db, 'demo');
      const files = await collectPayloadFiles([path.join(payloadsFolder, 'wecom/text_message.xml'), path.join(payloadsFolder, 'dingtalk/robot_message.text.json')]);
      await replayPayloads(files, {
        tenantId: 'demo',
        credentialsFor: (p) => credentials[p] ?? {},
        now: () => new Date(),
        send: async (platform, tenant, request) => {
          const r = await service.app.inject({ method: request.method, url: `/webhooks/${platform}/${tenant}`, query: request.query, headers: request.headers as Record<string, string>, payload: request.rawBody });
          return { status: r.statusCode, headers: r.headers as Record<string, string>, body: r.body };
        },
      });
      await service.processor.drain();
      await service.outbox.drain();
      const rows = await testDb.database.query<{ status: string; platform_message_id: string }>(`select status, platform_message_id from outbox where tenant_id = 'demo'`);
      expect(rows.length).toBe(2);
      for (const row of rows) {
        expect(row.status).toBe('sent');
        expect(row.platform_message_id).toMatch(/^console:/);
      }
      expect(calls).toEqual([]);
    } finally {
      await service.stop();
      await testDb.destroy();
    }
  });
});
