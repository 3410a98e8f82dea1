import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { OutboxWorker, OUTBOX_LEASE_MS, type OutboxWorkerOptions } from '../../src/outbound/outbox-worker.js';
import { openDatabase, type Database } from '../../src/store/db.js';
import { markOutboxSent } from '../../src/store/outbox-delivery.repository.js';
import { enqueueOutbox } from '../../src/store/outbox.repository.js';
import { findCredentials, saveCredentials, upsertTenant } from '../../src/store/tenant.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { startFakePlatform, type FakeAnswer, type FakePlatform, type RecordedRequest } from '../helpers/fake-platform-server.js';
import { createTestService } from '../helpers/service.js';

const quiet = pino({ level: 'silent' });
const TENANT = 'acme';
const FEISHU_TOKEN_PATH = '/open-apis/auth/v3/tenant_access_token/internal';
const REPLY_PATH = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/;
const FEISHU_CREDENTIALS = { appId: 'cli_a1b2c3', appSecret: 'secret-feishu' };

interface OutboxState {
  id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  platform_message_id: string | null;
  sent_at: Date | null;
  next_attempt_at: Date;
}

/**
 * A Feishu that behaves like the real one where it matters here: tenant tokens, Bearer checks, and `uuid`
 * dedup (the same uuid twice creates one message and answers with its id again). `failNext` scripts errors.
 */
class FakeFeishu {
  readonly messages = new Map<string, string>();
  inFlight = new Map<string, number>();
  maxInFlightPerUuid = 0;
  failNext: FakeAnswer[] = [];
  delayMs = 0;

  constructor(readonly server: FakePlatform) {
    server.setHandler((request) => this.handle(request));
  }

  replies(): RecordedRequest[] {
    return this.server.requests.filter((r) => REPLY_PATH.test(r.path));
  }

  private async handle(request: RecordedRequest): Promise<FakeAnswer> {
    if (request.path === FEISHU_TOKEN_PATH) return { json: { code: 0, tenant_access_token: 't-live', expire: 7200 } };
    if (!REPLY_PATH.test(request.path)) return { status: 404, json: { code: 404 } };
    if (request.headers.authorization !== 'Bearer t-live') return { status: 400, json: { code: 99991663, msg: 'invalid token' } };
    const scripted = this.failNext.shift();
    if (scripted) return scripted;
    const { uuid } = request.body as { uuid: string };
    const now = (this.inFlight.get(uuid) ?? 0) + 1;
    this.inFlight.set(uuid, now);
    this.maxInFlightPerUuid = Math.max(this.maxInFlightPerUuid, now);
    if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.inFlight.set(uuid, now - 1);
    let messageId = this.messages.get(uuid);
    if (messageId === undefined) {
      messageId = `om_reply_${this.messages.size + 1}`;
      this.messages.set(uuid, messageId);
    }
    return { json: { code: 0, msg: 'success', data: { message_id: messageId } } };
  }
}

describe.each(databaseKinds)('outbox delivery on %s', (kind) => {
  let testDb: TestDatabase;
  let server: FakePlatform;
  let foreign: FakePlatform;
  let feishu: FakeFeishu;
  const database = () => testDb.database;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    server = await startFakePlatform();
    foreign = await startFakePlatform(() => ({ json: { errcode: 0, errmsg: 'ok' } }));
  });
  beforeEach(async () => {
    server.requests.length = 0;
    foreign.requests.length = 0;
    feishu = new FakeFeishu(server);
    await upsertTenant(database().db, { id: TENANT, name: 'Acme' });
    await saveCredentials(database().db, TENANT, 'feishu', FEISHU_CREDENTIALS);
  });
  afterEach(async () => {
    await testDb.truncate();
  });
  afterAll(async () => {
    await server.close();
    await foreign.close();
    await testDb.destroy();
  });

  const baseUrls = () => ({ feishu: server.baseUrl, dingtalk: server.baseUrl, dingtalkOapi: server.baseUrl, wecom: server.baseUrl });
  /** A clock `offsetMs` ahead of real time (rows are due by the database's now()). */
  const ahead = (offsetMs: number) => () => new Date(Date.now() + offsetMs);

  function worker(options: Partial<OutboxWorkerOptions> = {}, db: Database = database()): OutboxWorker {
    return new OutboxWorker({
      database: db,
      credentials: (tenantId, platform) => findCredentials(db.db, tenantId, platform),
      baseUrls: baseUrls(),
      publicUrl: 'http://127.0.0.1:3000',
      logger: quiet,
      random: () => 0.5,
      ...options,
    });
  }

  async function queueFeishuReply(n: number, chatId = 'oc_group_1'): Promise<string> {
    await enqueueOutbox(database().db, {
      tenantId: TENANT,
      platform: 'feishu',
      kind: 'reply',
      recipient: { chatId, chatType: 'group', messageId: `om_in_${n}`, message_id: `om_in_${n}`, chat_id: chatId },
      payload: { text: `已记录 ${n}\nLogged ${n}`, textZh: `已记录 ${n}`, textEn: `Logged ${n}` },
      dedupKey: `reply:inbox-${n}`,
    });
    return (await rowByDedup(`reply:inbox-${n}`)).id;
  }

  async function rowByDedup(dedupKey: string): Promise<OutboxState> {
    const [row] = await database().query<OutboxState>(
      'select id, status, attempts, last_error, platform_message_id, sent_at, next_attempt_at from outbox where tenant_id = $1 and dedup_key = $2',
      [TENANT, dedupKey],
    );
    return row!;
  }

  async function row(id: string): Promise<OutboxState> {
    const [found] = await database().query<OutboxState>(
      'select id, status, attempts, last_error, platform_message_id, sent_at, next_attempt_at from outbox where tenant_id = $1 and id = $2',
      [TENANT, id],
    );
    return found!;
  }

  it('delivers a queued reply once through the service and marks it sent with Feishu\'s message id', async () => {
    const service = await createTestService(testDb, { FEISHU_BASE_URL: server.baseUrl });
    try {
      const id = await queueFeishuReply(1);

      expect(await service.outbox.drain()).toBe(1);
      expect(await service.outbox.drain()).toBe(0);

      const replies = feishu.replies();
      expect(replies).toHaveLength(1);
      expect(replies[0]!.path).toBe('/open-apis/im/v1/messages/om_in_1/reply');
      expect(replies[0]!.body).toEqual({ msg_type: 'text', content: JSON.stringify({ text: '已记录 1\nLogged 1' }), uuid: id });
      const sent = await row(id);
      expect(sent).toMatchObject({ status: 'sent', attempts: 1, last_error: null, platform_message_id: 'om_reply_1' });
      expect(sent.sent_at).toBeInstanceOf(Date);
    } finally {
      await service.stop();
    }
  });

  it('sends from the background once the service is started, and stops cleanly', async () => {
    const service = await createTestService(testDb, { FEISHU_BASE_URL: server.baseUrl });
    const id = await queueFeishuReply(1);
    service.startBackground();
    try {
      for (let waited = 0; (await row(id)).status !== 'sent' && waited < 5_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await service.stop();
    }
    expect(await row(id)).toMatchObject({ status: 'sent', platform_message_id: 'om_reply_1' });
    expect(feishu.replies()).toHaveLength(1);
  });

  it('re-sends a row whose worker died after claiming it, once the lease ran out, and records it sent once', async () => {
    const id = await queueFeishuReply(1);
    const dead = worker();
    const [claimed] = await dead.claim();
    expect(claimed?.id).toBe(id);

    // While the lease holds, nobody else touches the row.
    expect(await worker({ clock: ahead(0) }).drain()).toBe(0);
    expect(feishu.replies()).toHaveLength(0);

    const later = worker({ clock: ahead(OUTBOX_LEASE_MS + 1_000) });
    expect(await later.drain()).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, platform_message_id: 'om_reply_1' });

    // The dead worker waking up cannot record anything over the new claim.
    expect(await markOutboxSent(database(), claimed!, new Date(), 'om_stale')).toBe(false);
    expect(await row(id)).toMatchObject({ status: 'sent', platform_message_id: 'om_reply_1' });
    expect(feishu.replies()).toHaveLength(1);
  });

  it('re-sends after a crash between Feishu accepting and the row being recorded; the uuid makes it one message', async () => {
    const id = await queueFeishuReply(1);
    let platformReached!: () => void;
    const reached = new Promise<void>((resolve) => (platformReached = resolve));
    // This worker's process "dies" the moment Feishu has answered: the answer never comes back.
    const dies: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (String(input).includes('/reply')) {
        platformReached();
        return new Promise<Response>(() => {});
      }
      return response;
    };
    void worker({ fetch: dies }).processBatch();
    await reached;
    expect(await row(id)).toMatchObject({ status: 'sending', attempts: 1 });

    expect(await worker({ clock: ahead(OUTBOX_LEASE_MS + 1_000) }).drain()).toBe(1);

    const replies = feishu.replies();
    expect(replies).toHaveLength(2);
    expect(replies.map((r) => (r.body as { uuid: string }).uuid)).toEqual([id, id]);
    expect(feishu.messages.size).toBe(1);
    expect(await row(id)).toMatchObject({ status: 'sent', attempts: 2, platform_message_id: 'om_reply_1' });
  });

  it('fails a row whose delivery was interrupted on its last attempt instead of claiming it again', async () => {
    const id = await queueFeishuReply(1);
    await worker().claim();

    expect(await worker({ maxAttempts: 1, clock: ahead(OUTBOX_LEASE_MS + 1_000) }).drain()).toBe(0);

    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toMatch(/interrupted 1 times/);
    expect(feishu.replies()).toHaveLength(0);
  });

  it('never lets two workers send the same row at the same time', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= 30; n += 1) ids.push(await queueFeishuReply(n, `oc_group_${n % 10}`));
    feishu.delayMs = 15;
    const second = kind === 'postgres' ? await openDatabase({ url: testDb.url!, poolSize: 5 }) : database();
    try {
      const [a, b] = await Promise.all([worker().drain(), worker({}, second).drain()]);
      expect(a + b).toBe(30);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
    } finally {
      if (second !== database()) await second.close();
    }

    expect(feishu.maxInFlightPerUuid).toBe(1);
    const uuids = feishu.replies().map((r) => (r.body as { uuid: string }).uuid);
    expect(uuids).toHaveLength(30);
    expect(new Set(uuids)).toEqual(new Set(ids));
    const states = await database().query<{ status: string; n: number }>(`select status, count(*)::int as n from outbox group by status`);
    expect(states).toEqual([{ status: 'sent', n: 30 }]);
  });

  it('ends `failed` with the reason on a permanent error, after one try', async () => {
    feishu.failNext = [{ status: 400, json: { code: 230002, msg: 'Bot/User can NOT be out of the chat.' } }];
    const id = await queueFeishuReply(1);

    await worker().drain();

    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, platform_message_id: null, sent_at: null });
    expect(failed.last_error).toMatch(/^permanent: .*230002.*Bot\/User can NOT be out of the chat/);
    expect(feishu.replies()).toHaveLength(1);
  });

  it('puts a temporarily failed row back with exponential back-off, longer after a rate limit, until it is sent', async () => {
    feishu.failNext = [{ status: 503, json: { code: 1500, msg: 'internal error' } }];
    const temporary = await queueFeishuReply(1, 'oc_a');
    const before = Date.now();
    await worker().drain();
    const retried = await row(temporary);
    expect(retried).toMatchObject({ status: 'pending', attempts: 1 });
    expect(retried.last_error).toMatch(/^temporary: /);
    // attempt 1 of base 5 s with jitter 0.5 → 3.75 s
    expect(retried.next_attempt_at.getTime() - before).toBeGreaterThanOrEqual(3_000);
    expect(retried.next_attempt_at.getTime() - before).toBeLessThan(5_000);

    feishu.failNext = [{ status: 429, headers: { 'x-ogw-ratelimit-reset': '90' }, json: { code: 99991400, msg: 'request trigger frequency limit' } }];
    const limited = await queueFeishuReply(2, 'oc_b');
    await worker().drain();
    const backedOff = await row(limited);
    expect(backedOff).toMatchObject({ status: 'pending', attempts: 1 });
    expect(backedOff.last_error).toMatch(/^rate_limited: /);
    expect(backedOff.next_attempt_at.getTime() - before).toBeGreaterThanOrEqual(90_000);

    expect(await worker({ clock: ahead(120_000) }).drain()).toBe(2);
    expect(await row(temporary)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(await row(limited)).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
  });

  it('gives up after the last attempt and keeps the last reason', async () => {
    const id = await queueFeishuReply(1);
    feishu.failNext = [{ status: 503, json: { code: 1500, msg: 'internal error' } }, { status: 502, json: { code: 1500, msg: 'bad gateway' } }];

    await worker({ maxAttempts: 2 }).drain();
    await worker({ maxAttempts: 2, clock: ahead(60_000) }).drain();

    const failed = await row(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 2 });
    expect(failed.last_error).toMatch(/^temporary: .*HTTP 502/);
  });

  it('refuses a DingTalk sessionWebhook on a foreign origin: the row fails and nothing is called', async () => {
    await enqueueOutbox(database().db, {
      tenantId: TENANT,
      platform: 'dingtalk',
      kind: 'reply',
      recipient: {
        chatId: 'cidAsXSBLnA==',
        chatType: 'group',
        messageId: 'msgLICYeHgY4JtMQw==',
        sessionWebhook: `${foreign.baseUrl}/robot/sendBySession?session=x`,
        sessionWebhookExpiredTime: String(Date.now() + 60 * 60_000),
      },
      payload: { text: '已记录\nLogged', textZh: '已记录', textEn: 'Logged' },
      dedupKey: 'reply:dingtalk-1',
    });

    await worker().drain();

    const refused = await rowByDedup('reply:dingtalk-1');
    expect(refused).toMatchObject({ status: 'failed', attempts: 1 });
    expect(refused.last_error).toMatch(/^permanent: DingTalk sessionWebhook origin .* refused/);
    expect(foreign.requests).toHaveLength(0);
    expect(server.requests).toHaveLength(0);
  });

  it('fails a row for a platform with nothing to reply in (calls) at once, saying so', async () => {
    await enqueueOutbox(database().db, {
      tenantId: TENANT,
      platform: 'calls',
      kind: 'reply',
      recipient: { chatId: 'call-1', chatType: 'direct', messageId: 'call-1' },
      payload: { text: 'x', textZh: 'x', textEn: 'x' },
      dedupKey: 'reply:calls-1',
    });

    await worker().drain();

    const failed = await rowByDedup('reply:calls-1');
    expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
    expect(failed.last_error).toMatch(/platform calls has no way to send/);
  });
});
