import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { FeishuCard } from '../../adapters/feishu/render-card.js';
import type { Card } from '../../src/core/card.js';
import { OutboxWorker, OUTBOX_LEASE_MS, type OutboxWorkerOptions } from '../../src/outbound/outbox-worker.js';
import { openDatabase, type Database } from '../../src/store/db.js';
import { enqueueOutbox } from '../../src/store/outbox.repository.js';
import { findCredentials, saveCredentials, upsertTenant } from '../../src/store/tenant.repository.js';
import { overdueOwnerCard, overdueSupervisorCard } from '../fixtures/cards/sample-cards.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { FakeCardPlatforms, FAKE_PATHS } from '../helpers/fake-card-platforms.js';
import { startFakePlatform, type FakePlatform } from '../helpers/fake-platform-server.js';
import { createTestService } from '../helpers/service.js';

const quiet = pino({ level: 'silent' });
const TENANT = 'acme';
const PUBLIC_URL = 'https://salesbeat.acme.example';
const CREDENTIALS: Record<string, Record<string, string>> = {
  feishu: { appId: 'cli_a1b2c3', appSecret: 'secret-feishu' },
  dingtalk: { clientId: 'dingappkey123', clientSecret: 'secret-dingtalk', robotCode: 'dingrobot' },
  wecom: { corpId: 'ww1234567890abcdef', agentId: '1000002', secret: 'secret-wecom' },
};
/** The owner's and the supervisor's addresses on each platform (CardRecipients). */
const PEOPLE: Record<string, { owner: Record<string, string>; supervisor: Record<string, string> }> = {
  feishu: { owner: { openId: 'ou_owner' }, supervisor: { openId: 'ou_supervisor' } },
  dingtalk: { owner: { staffId: 'staff-owner' }, supervisor: { staffId: 'staff-supervisor' } },
  wecom: { owner: { userid: 'ZhangSan' }, supervisor: { userid: 'WangWu' } },
};

interface CardRow {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  platform_message_id: string | null;
  payload: { card: Card; delivery?: Record<string, string> };
}

describe.each(databaseKinds)('outbox card delivery on %s', (kind) => {
  let testDb: TestDatabase;
  let server: FakePlatform;
  let platforms: FakeCardPlatforms;
  const database = () => testDb.database;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    server = await startFakePlatform();
  });
  beforeEach(async () => {
    server.requests.length = 0;
    platforms = new FakeCardPlatforms(server);
    await upsertTenant(database().db, { id: TENANT, name: 'Acme' });
    for (const [platform, credentials] of Object.entries(CREDENTIALS)) await saveCredentials(database().db, TENANT, platform, credentials);
  });
  afterEach(async () => {
    await testDb.truncate();
  });
  afterAll(async () => {
    await server.close();
    await testDb.destroy();
  });

  const baseUrls = () => ({ feishu: server.baseUrl, dingtalk: server.baseUrl, dingtalkOapi: server.baseUrl, wecom: server.baseUrl });
  const serviceEnv = () => ({ FEISHU_BASE_URL: server.baseUrl, DINGTALK_BASE_URL: server.baseUrl, WECOM_BASE_URL: server.baseUrl, SALESBEAT_PUBLIC_URL: PUBLIC_URL });
  const ahead = (offsetMs: number) => () => new Date(Date.now() + offsetMs);

  function worker(options: Partial<OutboxWorkerOptions> = {}, db: Database = database()): OutboxWorker {
    return new OutboxWorker({
      database: db,
      credentials: (tenantId, platform) => findCredentials(db.db, tenantId, platform),
      baseUrls: baseUrls(),
      publicUrl: PUBLIC_URL,
      logger: quiet,
      random: () => 0.5,
      ...options,
    });
  }

  /** The overdue card to the owner and to the supervisor, as the SLA job queues them. */
  async function queueOverdueCards(platform: string): Promise<{ owner: string; supervisor: string }> {
    const people = PEOPLE[platform]!;
    for (const [audience, card] of [['owner', overdueOwnerCard], ['supervisor', overdueSupervisorCard]] as const) {
      await enqueueOutbox(database().db, { tenantId: TENANT, platform, kind: 'card', recipient: people[audience], payload: { card }, dedupKey: `sla:${platform}:${audience}` });
    }
    return { owner: (await rowByDedup(`sla:${platform}:owner`)).id, supervisor: (await rowByDedup(`sla:${platform}:supervisor`)).id };
  }

  async function rowByDedup(dedupKey: string): Promise<CardRow> {
    const [found] = await database().query<CardRow>('select id, status, attempts, last_error, platform_message_id, payload from outbox where tenant_id = $1 and dedup_key = $2', [TENANT, dedupKey]);
    return found!;
  }

  async function row(id: string): Promise<CardRow> {
    const [found] = await database().query<CardRow>('select id, status, attempts, last_error, platform_message_id, payload from outbox where tenant_id = $1 and id = $2', [TENANT, id]);
    return found!;
  }

  it('the service delivers the owner\'s and the supervisor\'s Feishu cards once each, as interactive cards, and records their message ids', async () => {
    const service = await createTestService(testDb, serviceEnv());
    try {
      const ids = await queueOverdueCards('feishu');

      expect(await service.outbox.drain()).toBe(2);
      expect(await service.outbox.drain()).toBe(0);

      expect(platforms.sendRequests()).toHaveLength(2);
      const byPerson = Object.fromEntries(platforms.delivered.map((d) => [d.to, d]));
      expect(Object.keys(byPerson).sort()).toEqual(['ou_owner', 'ou_supervisor']);
      expect(byPerson.ou_owner!.request.body).toMatchObject({ msg_type: 'interactive', uuid: ids.owner });
      expect(byPerson.ou_supervisor!.request.body).toMatchObject({ msg_type: 'interactive', uuid: ids.supervisor });
      const card = JSON.parse((byPerson.ou_supervisor!.request.body as { content: string }).content) as FeishuCard;
      expect(card).toMatchObject({ schema: '2.0', config: { update_multi: true }, header: { template: 'red' } });
      expect(await row(ids.owner)).toMatchObject({ status: 'sent', attempts: 1, last_error: null, platform_message_id: byPerson.ou_owner!.messageId });
      expect(await row(ids.supervisor)).toMatchObject({ status: 'sent', attempts: 1, last_error: null, platform_message_id: byPerson.ou_supervisor!.messageId });
    } finally {
      await service.stop();
    }
  });

  it('the service delivers DingTalk ActionCards to both staffIds, their buttons opening pages under SALESBEAT_PUBLIC_URL', async () => {
    const service = await createTestService(testDb, serviceEnv());
    try {
      const ids = await queueOverdueCards('dingtalk');

      expect(await service.outbox.drain()).toBe(2);

      const sends = server.requestsTo(FAKE_PATHS.dingtalkDirect);
      expect(sends.map((r) => (r.body as { userIds: string[] }).userIds).sort()).toEqual([['staff-owner'], ['staff-supervisor']]);
      const param = JSON.parse((sends.find((r) => (r.body as { userIds: string[] }).userIds[0] === 'staff-owner')!.body as { msgParam: string }).msgParam) as Record<string, string>;
      expect(param.actionURL1).toMatch(new RegExp(`^${PUBLIC_URL}/console/${TENANT}/cards/${overdueOwnerCard.id}/actions/lead\\.log_followup\\?value=`));
      for (const id of [ids.owner, ids.supervisor]) expect((await row(id)).status).toBe('sent');
      expect((await row(ids.owner)).platform_message_id).toMatch(/^pqk-/);
    } finally {
      await service.stop();
    }
  });

  it('delivers WeCom template cards once each and keeps task_id and response_code in payload.delivery next to the card', async () => {
    const ids = await queueOverdueCards('wecom');

    expect(await worker().drain()).toBe(2);

    expect(platforms.delivered.map((d) => d.to).sort()).toEqual(['WangWu', 'ZhangSan']);
    for (const [id, card] of [[ids.owner, overdueOwnerCard], [ids.supervisor, overdueSupervisorCard]] as const) {
      const sent = await row(id);
      const delivered = platforms.delivered.find((d) => d.messageId === sent.platform_message_id)!;
      expect(sent.status).toBe('sent');
      expect(sent.payload.card).toEqual(card);
      expect(sent.payload.delivery).toEqual({ taskId: `${card.id}@${id}`, responseCode: `rc-${delivered.messageId}` });
    }
  });

  it.each(['feishu', 'wecom'])('a worker dying after %s accepted a card does not make anyone see it twice', async (platform) => {
    const ids = await queueOverdueCards(platform);
    const sendPath = platform === 'feishu' ? FAKE_PATHS.feishuSend : FAKE_PATHS.wecomSend;
    let reached = 0;
    // This worker's process "dies" the moment the platform has answered a send: the answers never come back.
    const dies: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (new URL(String(input)).pathname !== sendPath) return response;
      reached += 1;
      return new Promise<Response>(() => {});
    };
    void worker({ fetch: dies }).processBatch();
    for (let waited = 0; reached < 2 && waited < 5_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(reached).toBe(2);
    expect((await row(ids.owner)).status).toBe('sending');

    expect(await worker({ clock: ahead(OUTBOX_LEASE_MS + 1_000) }).drain()).toBe(2);

    expect(platforms.sendRequests()).toHaveLength(4);
    expect(platforms.delivered).toHaveLength(2);
    for (const id of [ids.owner, ids.supervisor]) {
      const sent = await row(id);
      expect(sent).toMatchObject({ status: 'sent', attempts: 2 });
      expect(platforms.delivered.map((d) => d.messageId)).toContain(sent.platform_message_id);
    }
  });

  it('two workers on the same database send each card exactly once', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= 20; n += 1) {
      await enqueueOutbox(database().db, { tenantId: TENANT, platform: 'feishu', kind: 'card', recipient: { openId: `ou_${n}` }, payload: { card: overdueOwnerCard }, dedupKey: `sla:${n}` });
      ids.push((await rowByDedup(`sla:${n}`)).id);
    }
    const second = kind === 'postgres' ? await openDatabase({ url: testDb.url!, poolSize: 5 }) : database();
    try {
      const [a, b] = await Promise.all([worker().drain(), worker({}, second).drain()]);
      expect(a + b).toBe(20);
    } finally {
      if (second !== database()) await second.close();
    }

    const uuids = platforms.sendRequests().map((r) => (r.body as { uuid: string }).uuid);
    expect(uuids.sort()).toEqual([...ids].sort());
    const states = await database().query<{ status: string; n: number }>(`select status, count(*)::int as n from outbox group by status`);
    expect(states).toEqual([{ status: 'sent', n: 20 }]);
  });

  it('fails a card row with a malformed payload at once, without calling the platform', async () => {
    await enqueueOutbox(database().db, { tenantId: TENANT, platform: 'wecom', kind: 'card', recipient: { userid: 'ZhangSan' }, payload: { text: 'not a card' }, dedupKey: 'sla:bad' });

    await worker().drain();

    const failed = await rowByDedup('sla:bad');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toMatch(/^permanent: wecom card: payload\.card/);
    expect(server.requests).toHaveLength(0);
  });
});
