import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { InboundRequest } from '../../adapters/contract.js';
import { platformSimulators } from '../../adapters/registry.js';
import { saveCredentials, upsertTenant } from '../../src/store/tenant.repository.js';
import type { Service } from '../../src/service.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';

const shared = path.resolve(import.meta.dirname, '../../../shared');
const NOW = new Date('2026-03-02T09:40:00.000Z');
const credentials = {
  calls: { webhookSecret: 'calls-secret-for-tests' },
  wecom: {
    corpId: 'wwcorp0001',
    agentId: '1000002',
    secret: 's',
    token: 'wecomtoken',
    encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  },
};

const simulate = (platform: string, content: string, creds: Record<string, string>, now = NOW): InboundRequest => {
  const simulator = platformSimulators.find((s) => s.platform === platform)!;
  const request = simulator.toRequest(content, creds, now);
  if ('skip' in request) throw new Error(request.skip);
  return request;
};

const callRecord = readFileSync(path.resolve(import.meta.dirname, '../fixtures/calls/call_record.json'), 'utf8');
const addExternalContact = readFileSync(path.join(shared, 'data/payloads/wecom/change_external_contact.add_external_contact.xml'), 'utf8');

describe.each(databaseKinds)('webhooks on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  beforeEach(async () => {
    service = await createTestService(testDb, {}, { clock: () => NOW });
    await upsertTenant(testDb.database.db, { id: 'acme', name: 'Acme' });
    for (const [platform, creds] of Object.entries(credentials)) await saveCredentials(testDb.database.db, 'acme', platform, creds);
  });
  afterEach(async () => {
    await service.stop();
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  const send = (platform: string, request: InboundRequest, tenant = 'acme') =>
    service.app.inject({
      method: request.method,
      url: `/webhooks/${platform}/${tenant}`,
      query: request.query,
      headers: request.headers as Record<string, string>,
      payload: request.rawBody,
    });
  const inboxCount = async () => Number((await testDb.database.query<{ n: string }>('select count(*) as n from inbox_events'))[0]!.n);

  it('commits a verified event to the inbox before acking, and a duplicate delivery stores nothing new', async () => {
    const request = simulate('wecom', addExternalContact, credentials.wecom);
    const first = await send('wecom', request);
    expect(first.statusCode).toBe(200);
    expect(await inboxCount()).toBe(1);
    const again = await send('wecom', request);
    expect(again.statusCode).toBe(200);
    expect(JSON.parse(decodeURIComponent(again.headers['x-salesbeat-result'] as string))).toEqual([{ status: 'duplicate', kind: 'contact.added' }]);
    const rows = await testDb.database.query<{ tenant_id: string; platform: string; kind: string; status: string }>(
      'select tenant_id, platform, kind, status from inbox_events',
    );
    expect(rows).toEqual([{ tenant_id: 'acme', platform: 'wecom', kind: 'contact.added', status: 'pending' }]);
  });

  it('loses nothing when the service dies between commit and processing', async () => {
    const response = await send('calls', simulate('calls', callRecord, credentials.calls));
    expect(response.statusCode).toBe(200);
    await service.stop(); // "crash": the event was committed and acked, never processed
    const [pending] = await testDb.database.query<{ status: string }>('select status from inbox_events');
    expect(pending!.status).toBe('pending');

    service = await createTestService(testDb, {}, { clock: () => NOW }); // restart on the same database
    await service.processor.drain();
    const [settled] = await testDb.database.query<{ status: string; attempts: number }>('select status, attempts from inbox_events');
    expect(settled!.status).not.toBe('pending');
    expect(settled!.attempts).toBe(1);
  });

  const badInputs: Array<[string, () => { platform: string; request: InboundRequest; tenant?: string }, number, string]> = [
    [
      'a wrong signature',
      () => {
        const request = simulate('calls', callRecord, credentials.calls);
        return { platform: 'calls', request: { ...request, headers: { ...request.headers, 'x-salesbeat-signature': `v1=${'0'.repeat(64)}` } } };
      },
      401,
      'bad_signature',
    ],
    [
      'a stale timestamp',
      () => ({ platform: 'calls', request: simulate('calls', callRecord, credentials.calls, new Date(NOW.getTime() - 10 * 60_000)) }),
      401,
      'stale_timestamp',
    ],
    [
      'the wrong key',
      () => ({ platform: 'wecom', request: simulate('wecom', addExternalContact, { ...credentials.wecom, encodingAesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210abcdefg' }) }),
      401,
      'decrypt_failed',
    ],
    ['an unknown tenant', () => ({ platform: 'calls', request: simulate('calls', callRecord, credentials.calls), tenant: 'nobody' }), 404, 'not_configured'],
    [
      'malformed JSON',
      () => ({ platform: 'calls', request: simulate('calls', '{"call_id": "x", ', credentials.calls) }),
      400,
      'malformed_body',
    ],
    [
      'malformed XML',
      () => ({ platform: 'wecom', request: { ...simulate('wecom', addExternalContact, credentials.wecom), rawBody: Buffer.from('<xml><Encrypt>abc</xml') } }),
      400,
      'malformed_body',
    ],
    [
      'a body over the size limit',
      () => ({ platform: 'calls', request: { ...simulate('calls', callRecord, credentials.calls), rawBody: Buffer.alloc(2 * 1024 * 1024, 32) } }),
      413,
      'body_too_large',
    ],
    [
      'an unsupported content type',
      () => {
        const request = simulate('calls', callRecord, credentials.calls);
        return { platform: 'calls', request: { ...request, headers: { ...request.headers, 'content-type': 'multipart/form-data; boundary=x' } } };
      },
      415,
      'unsupported_content_type',
    ],
    [
      'a payload missing a required field',
      () => {
        const record = JSON.parse(callRecord) as Record<string, unknown>;
        delete record.call_id;
        return { platform: 'calls', request: simulate('calls', JSON.stringify(record), credentials.calls) };
      },
      400,
      'missing_field',
    ],
  ];

  it.each(badInputs)('refuses %s with a clear 4xx and stores nothing', async (_name, build, status, code) => {
    const { platform, request, tenant } = build();
    const response = await send(platform, request, tenant);
    expect(response.statusCode).toBe(status);
    const body = JSON.parse(response.body) as { error: string; message: string; message_zh: string };
    expect(body.error).toBe(code);
    expect(body.message.length).toBeGreaterThan(5);
    expect(body.message_zh.length).toBeGreaterThan(2);
    expect(response.body).not.toMatch(/at .*\.(ts|js):\d+/); // never a stack trace
    expect(await inboxCount()).toBe(0);
    expect(service.metrics.value('webhook_rejected_total', { platform, code })).toBe(1);
  });
});
