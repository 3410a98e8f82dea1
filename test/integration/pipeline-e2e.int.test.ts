/** From the platform's HTTP request to the captured sales action: webhook → inbox → processor → capture. */
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InboundRequest } from '../../adapters/contract.js';
import { platformSimulators } from '../../adapters/registry.js';
import type { Service } from '../../src/service.js';
import { outbox, salesActions } from '../../src/store/schema/index.js';
import { saveCredentials } from '../../src/store/tenant.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';
import { seedSalesTeam, TENANT, type Seeded } from './capture-seed.js';

const NOW = new Date('2026-03-02T03:00:00.000Z');
const feishuKeys = { encryptKey: 'e2e-encrypt-key', verificationToken: 'e2e-token' };
const callsKeys = { webhookSecret: 'e2e-calls-secret' };

function feishuMessage(messageId: string, text: string, sender = 'ou_alice', chat: { id: string; type: 'p2p' | 'group' } = { id: 'oc_dm_alice', type: 'p2p' }) {
  return JSON.stringify({
    schema: '2.0',
    header: { event_id: `ev_${messageId}`, event_type: 'im.message.receive_v1', create_time: String(NOW.getTime()), token: '', app_id: 'cli_a', tenant_key: 'tk' },
    event: {
      sender: { sender_id: { open_id: sender }, sender_type: 'user', tenant_key: 'tk' },
      message: { message_id: messageId, create_time: String(NOW.getTime() - 60_000), chat_id: chat.id, chat_type: chat.type, message_type: 'text', content: JSON.stringify({ text }), mentions: [] },
    },
  });
}

function simulate(platform: string, content: string, credentials: Record<string, string>): InboundRequest {
  const request = platformSimulators.find((s) => s.platform === platform)!.toRequest(content, credentials, NOW);
  if ('skip' in request) throw new Error(request.skip);
  return request;
}

describe.each(databaseKinds)('webhook to sales action on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service;
  let seeded: Seeded;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  beforeEach(async () => {
    seeded = await seedSalesTeam(testDb.database.db);
    await saveCredentials(testDb.database.db, TENANT, 'feishu', feishuKeys);
    await saveCredentials(testDb.database.db, TENANT, 'calls', callsKeys);
    service = await createTestService(testDb, {}, { clock: () => NOW });
  });
  afterEach(async () => {
    await service.stop();
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  const post = (platform: string, request: InboundRequest) =>
    service.app.inject({ method: 'POST', url: `/webhooks/${platform}/${TENANT}`, headers: request.headers as Record<string, string>, payload: request.rawBody });
  const actions = () => testDb.database.db.select().from(salesActions).where(eq(salesActions.tenantId, TENANT));

  it('turns a rep logging a call through the bot into one sales action, however often Feishu delivers it', async () => {
    const content = feishuMessage('om_e2e_1', '/log 电话 Acme Jane 讨论预算和合同');
    // Feishu re-pushes with a fresh signature and timestamp: a new request, the same message_id.
    for (let i = 0; i < 3; i++) expect((await post('feishu', simulate('feishu', content, feishuKeys))).statusCode).toBe(200);
    await service.processor.drain();

    const [action, ...more] = await actions();
    expect(more).toHaveLength(0);
    expect(action).toMatchObject({ kind: 'call', actorId: seeded.alice, customerId: seeded.acme, contactId: seeded.jane, leadId: seeded.acmeLead, platform: 'feishu', keywords: ['budget', 'contract'] });
    const replies = await testDb.database.db.select().from(outbox).where(and(eq(outbox.tenantId, TENANT), eq(outbox.kind, 'reply')));
    expect(replies).toHaveLength(1);
    expect((replies[0]!.payload as { textZh: string }).textZh).toContain('Acme');
  });

  it('captures a customer message in a group bound with /bind', async () => {
    const group = { id: 'oc_acme_group', type: 'group' as const };
    await post('feishu', simulate('feishu', feishuMessage('om_bind', '/bind Acme Corporation', 'ou_alice', group), feishuKeys));
    await service.processor.drain();
    await post('feishu', simulate('feishu', feishuMessage('om_customer', '我们下周可以确认付款计划', 'ou_jane', group), feishuKeys));
    await service.processor.drain();

    const captured = (await actions()).filter((a) => a.kind === 'message');
    expect(captured).toHaveLength(1);
    expect(captured[0]).toMatchObject({ customerId: seeded.acme, contactId: seeded.jane, direction: 'customer', keywords: ['payment'] });
  });

  it('records a call that was committed before a crash once the service is back', async () => {
    const record = JSON.stringify({
      call_id: 'cc-e2e-1',
      rep: { email: 'alice@example.com' },
      customer_phone: '13812345678',
      direction: 'outbound',
      started_at: '2026-03-02T10:30:00+08:00',
      duration_seconds: 240,
      answered: true,
      summary: '确认报价',
    });
    expect((await post('calls', simulate('calls', record, callsKeys))).statusCode).toBe(200);
    await service.stop(); // dies before processing

    service = await createTestService(testDb, {}, { clock: () => NOW });
    await service.processor.drain();
    const [action] = await actions();
    expect(action).toMatchObject({ kind: 'call', actorId: seeded.alice, contactId: seeded.jane, durationSeconds: 240, keywords: ['quote'] });
  });
});
