import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { replayExitCode, replayHints } from '../../src/replay/replay-outcome.js';
import type { ReplayResult, ReplayStatus } from '../../src/replay/replay-payloads.js';
import { describeFetchFailure, parseServiceUrl, sendOverHttp } from '../../src/replay/send-over-http.js';

const result = (status: ReplayStatus, extra: Partial<ReplayResult> = {}): ReplayResult => ({ file: `${status}.json`, status, inboxIds: [], ...extra });

describe('replayExitCode', () => {
  it.each<[string, ReplayStatus[], 0 | 1]>([
    ['every file accepted', ['accepted', 'accepted'], 0],
    ['accepted, duplicate, ignored and handshake answers', ['accepted', 'duplicate', 'ignored', 'handshake'], 0],
    ['a second run where everything is a duplicate', ['duplicate', 'duplicate'], 0],
    ['accepted files beside skipped samples that are not requests', ['accepted', 'skipped'], 0],
    ['one file rejected among accepted ones', ['accepted', 'rejected'], 1],
    ['one unrecognised file (e.g. package.json) among accepted ones', ['accepted', 'unrecognised'], 1],
    ['only unrecognised files', ['unrecognised'], 1],
    ['every file rejected', ['rejected', 'rejected'], 1],
    ['nothing taken: every file skipped', ['skipped', 'skipped'], 1],
    ['no results at all', [], 1],
  ])('exits %j → given %j', (_name, statuses, code) => {
    expect(replayExitCode(statuses.map((s) => result(s)))).toBe(code);
  });
});

describe('replayHints', () => {
  const notConfigured = [result('rejected', { platform: 'feishu', httpStatus: 404, errorCode: 'not_configured' })];

  it('suggests --tenant demo when the default tenant has no keys and no --tenant was given', () => {
    const [hint, ...rest] = replayHints(notConfigured, { tenantId: 'default', tenantGiven: false });
    expect(rest).toEqual([]);
    expect(hint).toContain('--tenant demo');
    expect(hint).toContain('"default"');
    expect(hint).toContain('feishu');
  });

  it('says nothing about --tenant when the caller chose the tenant', () => {
    expect(replayHints(notConfigured, { tenantId: 'acme', tenantGiven: true })).toEqual([]);
  });

  it('says nothing about --tenant for other rejections', () => {
    expect(replayHints([result('rejected', { errorCode: 'bad_signature' })], { tenantId: 'default', tenantGiven: false })).toEqual([]);
  });

  it('points at example payloads when no file was recognised', () => {
    expect(replayHints([result('unrecognised')], { tenantId: 'default', tenantGiven: false })).toEqual([expect.stringContaining('data/payloads')]);
  });
});

describe('parseServiceUrl', () => {
  it.each([
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000'],
    ['https://salesbeat.example.com/base/', 'https://salesbeat.example.com/base'],
  ])('takes %s as %s', (text, url) => {
    expect(parseServiceUrl(text)).toEqual({ url });
  });

  it.each(['notaurl', '127.0.0.1:3000', 'ftp://host/x', 'http://host:3000/?a=1'])('refuses %s, saying it is invalid and showing an example', (text) => {
    const parsed = parseServiceUrl(text);
    expect(parsed).toEqual({ error: expect.stringContaining(`--url "${text}" is not a valid service URL`) });
    expect((parsed as { error: string }).error).toContain('Example: --url http://127.0.0.1:3000');
  });
});

describe('a service that cannot be reached', () => {
  it('names the URL and the cause, and asks whether the service is running', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const base = `http://127.0.0.1:${closedPort}`;
    const send = sendOverHttp(base);
    const request = { method: 'POST' as const, query: {}, headers: { 'content-type': 'application/json' }, rawBody: Buffer.from('{}') };
    await expect(send('feishu', 'demo', request)).rejects.toThrow(new RegExp(`cannot reach ${base}: .*ECONNREFUSED.*is the service running\\?`));
  });

  it('explains a port fetch refuses outright (the tester used :1)', () => {
    const error = new TypeError('fetch failed', { cause: new Error('bad port') });
    expect(describeFetchFailure('http://127.0.0.1:1', error)).toMatch(/cannot reach http:\/\/127\.0\.0\.1:1: fetch refuses to connect to this port/);
  });

  it('reads the code of an AggregateError with an empty message (a host name with several addresses)', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED ::1:3999'), { code: 'ECONNREFUSED' });
    const cause = Object.assign(new AggregateError([refused], ''), { code: 'ECONNREFUSED' });
    expect(describeFetchFailure('http://localhost:3999', new TypeError('fetch failed', { cause }))).toContain(
      'cannot reach http://localhost:3999: connect ECONNREFUSED ::1:3999',
    );
  });
});
