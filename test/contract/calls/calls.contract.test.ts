/**
 * The call-record webhook against test/fixtures/calls/vectors.json: signatures there were computed with
 * openssl outside salesbeat (see the file's `_how`), expected events written by hand from the contract.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InboundOutcome, InboundRequest } from '../../../adapters/contract.js';
import { callsAdapter, callsSimulator } from '../../../adapters/calls/index.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const fixtures = path.join(projectRoot, 'test/fixtures/calls');

interface CallVector {
  name: string;
  timestamp: string;
  signature_header: string;
  now: string;
  raw_body: string;
  expected: { status: number; code?: string; reply?: string; dedup_key?: string; event?: unknown; fields?: string[] };
}

const file = JSON.parse(readFileSync(path.join(fixtures, 'vectors.json'), 'utf8')) as { secret: string; vectors: CallVector[] };
const sampleRecord = readFileSync(path.join(fixtures, 'call_record.json'), 'utf8');
const credentials = { webhookSecret: file.secret };

function requestOf(v: CallVector, headers: Record<string, string | undefined> = {}): InboundRequest {
  return {
    method: 'POST',
    query: {},
    headers: { 'content-type': 'application/json', 'x-salesbeat-timestamp': v.timestamp, 'x-salesbeat-signature': v.signature_header, ...headers },
    rawBody: Buffer.from(v.raw_body, 'utf8'),
  };
}

function handle(v: CallVector, headers: Record<string, string | undefined> = {}, now = v.now): InboundOutcome {
  return callsAdapter.handleHttp(requestOf(v, headers), { credentials, now: new Date(now) });
}

function vector(name: string): CallVector {
  const found = file.vectors.find((v) => v.name === name);
  if (!found) throw new Error(`no vector ${name}`);
  return found;
}

const accepted = file.vectors.filter((v) => v.expected.status === 200);
const refused = file.vectors.filter((v) => v.expected.status !== 200);

describe('call-record webhook vectors', () => {
  it('the sample vector is call_record.json byte for byte', () => {
    expect(vector('call_record_sample').raw_body).toBe(sampleRecord);
  });

  it.each(accepted.map((v) => [v.name, v] as const))('%s → 200 {"ok":true} and one call.ended', (_name, v) => {
    const outcome = handle(v);
    if (outcome.kind !== 'events') throw new Error(`expected events, got ${JSON.stringify(outcome)}`);
    expect(outcome.reply).toEqual({ status: 200, contentType: 'application/json', body: '{"ok":true}' });
    expect(outcome.events).toHaveLength(1);
    expect(outcome.events[0]).toMatchObject({ dedupKey: v.expected.dedup_key, vendorType: 'call_record', raw: v.raw_body });
    if (v.expected.event) expect(outcome.events[0]?.event).toEqual(v.expected.event);
  });

  it.each(refused.map((v) => [v.name, v] as const))('%s → refused as the vector says', (_name, v) => {
    const outcome = handle(v);
    expect(outcome).toMatchObject({ kind: 'rejected', status: v.expected.status, code: v.expected.code });
    if (outcome.kind !== 'rejected') return;
    expect(outcome.messageZh).not.toBe('');
    for (const field of v.expected.fields ?? []) {
      expect(outcome.message).toContain(field);
      expect(outcome.messageZh).toContain(field);
    }
  });

  it('accepts a timestamp exactly 5 minutes old', () => {
    const v = vector('compact_unanswered_inbound');
    expect(handle(v, {}, new Date((Number(v.timestamp) + 300) * 1000).toISOString()).kind).toBe('events');
    expect(handle(v, {}, new Date((Number(v.timestamp) - 301) * 1000).toISOString())).toMatchObject({ code: 'stale_timestamp' });
  });
});

describe('call-record webhook: headers and configuration', () => {
  const v = vector('compact_unanswered_inbound');

  it.each([
    ['no signature header', { 'x-salesbeat-signature': undefined }, 401, 'missing_signature'],
    ['no timestamp header', { 'x-salesbeat-timestamp': undefined }, 401, 'missing_signature'],
    ['a signature without the v1= scheme', { 'x-salesbeat-signature': v.signature_header.slice(3) }, 401, 'bad_signature'],
    ['a timestamp in milliseconds-with-dot form', { 'x-salesbeat-timestamp': `${v.timestamp}.5` }, 401, 'bad_signature'],
    ['a different timestamp than the one signed', { 'x-salesbeat-timestamp': String(Number(v.timestamp) + 1) }, 401, 'bad_signature'],
    ['a form content type', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'unsupported_content_type'],
  ] as const)('%s → %i %s', (_label, headers, status, code) => {
    expect(handle(v, headers)).toMatchObject({ kind: 'rejected', status, code });
  });

  it('a body over 256 KiB → 413 body_too_large, before any parsing', () => {
    const huge = { ...requestOf(v), rawBody: Buffer.alloc(256 * 1024 + 1, 0x20) };
    expect(callsAdapter.handleHttp(huge, { credentials, now: new Date(v.now) })).toMatchObject({ status: 413, code: 'body_too_large' });
  });

  it('a tenant without CALLS_WEBHOOK_SECRET → 404 not_configured', () => {
    expect(callsAdapter.handleHttp(requestOf(v), { credentials: {}, now: new Date(v.now) })).toMatchObject({ status: 404, code: 'not_configured' });
  });

  it('declares its platform, methods and credential keys', () => {
    expect(callsAdapter).toMatchObject({ platform: 'calls', methods: ['POST'], credentialKeys: { webhookSecret: 'CALLS_WEBHOOK_SECRET' } });
  });
});

describe('callsSimulator', () => {
  const now = new Date('2026-03-02T09:40:00Z');

  it('recognises call_record.json and not other platforms’ payloads', () => {
    expect(callsSimulator.recognises(sampleRecord)).toBe(true);
    expect(callsSimulator.recognises('<xml><MsgType>text</MsgType></xml>')).toBe(false);
    expect(callsSimulator.recognises('{"schema":"2.0","header":{}}')).toBe(false);
  });

  it('signs the file as-is into a request the adapter accepts', () => {
    const request = callsSimulator.toRequest(sampleRecord, credentials, now);
    if ('skip' in request) throw new Error(request.skip);
    expect(request.rawBody.toString('utf8')).toBe(sampleRecord);
    expect(request.headers['x-salesbeat-timestamp']).toBe(String(now.getTime() / 1000));
    const outcome = callsAdapter.handleHttp(request, { credentials, now });
    expect(outcome.kind === 'events' && outcome.events[0]?.event).toEqual(vector('call_record_sample').expected.event);
  });

  it('skips a tenant without a secret', () => {
    expect(callsSimulator.toRequest(sampleRecord, {}, now)).toEqual({ skip: 'tenant has no CALLS_WEBHOOK_SECRET configured' });
  });
});
