import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Job } from '../../src/jobs/job.js';
import { JobScheduler } from '../../src/jobs/scheduler.js';
import { NAME, slaDeadlineJob, type SlaDeadlineStats } from '../../src/jobs/sla-deadline.job.js';
import type { Service } from '../../src/service.js';
import { openDatabase, type Database } from '../../src/store/db.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { startFakePlatform, type FakePlatform, type RecordedRequest } from '../helpers/fake-platform-server.js';
import { createTestService } from '../helpers/service.js';
import { addExternalContactXml, credentials, post, seedTeam, simulate, type Team } from './sla-seed.js';

const CREATED = new Date('2026-03-06T17:45:00+08:00');
const FIRST_RESPONSE_MISSED = new Date('2026-03-09T10:46:00+08:00');
const ESCALATED = new Date('2026-03-09T16:16:00+08:00');
const quiet = pino({ level: 'silent' });

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** Feishu and WeCom as far as sending cards goes: tokens, then one message id per send. */
function platformAnswers(request: RecordedRequest) {
  if (request.path === '/cgi-bin/gettoken') return { json: { errcode: 0, errmsg: 'ok', access_token: 'wecom-token', expires_in: 7200 } };
  if (request.path === '/cgi-bin/message/send') return { json: { errcode: 0, errmsg: 'ok', msgid: 'wecom-msg-1', response_code: 'rc-1' } };
  if (request.path === '/open-apis/auth/v3/tenant_access_token/internal') return { json: { code: 0, msg: 'ok', tenant_access_token: 'feishu-token', expire: 7200 } };
  if (request.path === '/open-apis/im/v1/messages') return { json: { code: 0, msg: 'success', data: { message_id: 'om_card_1' } } };
  return { status: 404, json: { error: `unexpected ${request.path}` } };
}

describe.each(databaseKinds)('SLA job scheduling and delivery on %s', (kind) => {
  let testDb: TestDatabase;
  let fake: FakePlatform;
  let service: Service;
  let team: Team;
  let now: Date;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    fake = await startFakePlatform(platformAnswers);
  });
  beforeEach(async () => {
    now = CREATED;
    fake.requests.length = 0;
    service = await createTestService(testDb, { WECOM_BASE_URL: fake.baseUrl, FEISHU_BASE_URL: fake.baseUrl }, { clock: () => now });
    team = await seedTeam(testDb.database.db);
    expect(await post(service, 'wecom', simulate('wecom', addExternalContactXml(now), credentials.wecom, now))).toBe(200);
    await service.processor.drain();
  });
  afterEach(async () => {
    await service.stop();
    await testDb.truncate();
  });
  afterAll(async () => {
    await fake.close();
    await testDb.destroy();
  });

  const scheduler = (database: Database, jobs: Job[]) => new JobScheduler({ database, jobs, logger: quiet, clock: () => now, publicUrl: 'http://salesbeat.test' });

  it.runIf(kind === 'postgres')('lets only the instance holding the advisory lock run the statements; the other skips the tick', async () => {
    const otherDatabase = await openDatabase({ url: testDb.url!, poolSize: 2 });
    try {
      const entered = deferred();
      const gate = deferred();
      const held: Job<SlaDeadlineStats> = {
        ...slaDeadlineJob,
        async run(deps) {
          entered.resolve();
          await gate.promise;
          return slaDeadlineJob.run(deps);
        },
      };
      const first = scheduler(testDb.database, [held as Job]);
      const second = scheduler(otherDatabase, [slaDeadlineJob as Job]);
      now = FIRST_RESPONSE_MISSED;
      const running = first.tick<SlaDeadlineStats>(NAME);
      await entered.promise; // instance 1 holds the lock, mid-run
      expect(await second.tick(NAME)).toEqual({ job: NAME, ran: false, reason: 'locked' });
      gate.resolve();
      expect(await running).toMatchObject({ ran: true, stats: { breached: 1, alerts: 2 } });
      // The lock ended with instance 1's transaction: instance 2 runs the next tick and finds nothing left to do.
      expect(await second.tick(NAME)).toMatchObject({ ran: true, stats: { breached: 0, alerts: 0 } });
    } finally {
      await otherDatabase.close();
    }
  });

  it('skips a tick while the same instance is still running the previous one', async () => {
    const gate = deferred();
    const slow: Job = { name: 'slow', cron: '* * * * *', run: () => gate.promise.then(() => ({ done: true })) };
    const jobs = scheduler(testDb.database, [slow]);
    const running = jobs.tick('slow');
    expect(await jobs.tick('slow')).toEqual({ job: 'slow', ran: false, reason: 'busy' });
    gate.resolve();
    expect(await running).toMatchObject({ ran: true, stats: { done: true } });
    await jobs.stop();
    expect(await jobs.tick('slow')).toEqual({ job: 'slow', ran: false, reason: 'stopped' });
  });

  it('triggers jobs on their cron pattern once started, and no more after stop', async () => {
    let runs = 0;
    const everySecond: Job = { name: 'every-second', cron: '* * * * * *', run: async () => ++runs };
    const jobs = scheduler(testDb.database, [everySecond]);
    jobs.start();
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    await jobs.stop();
    const seen = runs;
    expect(seen).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(runs).toBe(seen);
  });

  it('refuses a job with an invalid cron pattern', () => {
    expect(() => scheduler(testDb.database, [{ name: 'bad', cron: 'every monday', run: async () => 0 }])).toThrow(/invalid cron pattern/);
  });

  it('delivers each overdue card once to its platform (fake WeCom and Feishu) and the escalation to the console', async () => {
    now = FIRST_RESPONSE_MISSED;
    await service.scheduler.tick(NAME);
    await service.outbox.drain();
    const sends = () => fake.requests.filter((r) => r.path === '/cgi-bin/message/send' || r.path === '/open-apis/im/v1/messages');
    expect(sends().map((r) => ({ path: r.path, query: r.query, body: r.body }))).toEqual(
      expect.arrayContaining([
        { path: '/cgi-bin/message/send', query: { access_token: 'wecom-token' }, body: expect.objectContaining({ touser: 'zhangsan', msgtype: 'template_card' }) },
        {
          path: '/open-apis/im/v1/messages',
          query: { receive_id_type: 'open_id' },
          body: expect.objectContaining({ receive_id: 'ou_lisi', msg_type: 'interactive' }),
        },
      ]),
    );
    expect(sends()).toHaveLength(2);

    // A repeated tick and another outbox pass send nothing more; the escalation goes to 王五's console inbox.
    await service.scheduler.tick(NAME);
    now = ESCALATED;
    await service.scheduler.tick(NAME);
    await service.outbox.drain();
    expect(sends()).toHaveLength(2);
    const rows = await testDb.database.query<{ id: string; platform: string; status: string; platform_message_id: string; recipient: Record<string, string> }>(
      `select id, platform, status, platform_message_id, recipient from outbox where kind = 'card' order by platform`,
    );
    expect(rows.map(({ platform, status, platform_message_id }) => ({ platform, status, platform_message_id }))).toEqual([
      { platform: 'console', status: 'sent', platform_message_id: `console:${rows[0]!.id}` },
      { platform: 'feishu', status: 'sent', platform_message_id: 'om_card_1' },
      { platform: 'wecom', status: 'sent', platform_message_id: 'wecom-msg-1' },
    ]);
    expect(rows[0]!.recipient).toEqual({ userId: team.wangwu });
  });
});
