import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { COUNTER_FAMILIES, METRIC_PREFIX, Metrics } from '../../src/http/metrics.js';
import { healthRoutes } from '../../src/http/routes/health.route.js';
import type { Database } from '../../src/store/db.js';

const METRIC_NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
const SAMPLE = new RegExp(`^(${METRIC_NAME})(?:\\{${LABEL}(?:,${LABEL})*\\})? (\\d+)$`);
const HELP = new RegExp(`^# HELP (${METRIC_NAME}) .+$`);
const TYPE = new RegExp(`^# TYPE (${METRIC_NAME}) (counter|gauge|histogram|summary|untyped)$`);

/** Checks the Prometheus text format: every line parses, one HELP and TYPE per family before its samples, families not interleaved. */
function checkExposition(text: string): Map<string, number> {
  expect(text.endsWith('\n')).toBe(true);
  const samplesPerFamily = new Map<string, number>();
  const done = new Set<string>();
  let current: string | undefined;
  for (const line of text.slice(0, -1).split('\n')) {
    const help = HELP.exec(line);
    const type = TYPE.exec(line);
    const sample = SAMPLE.exec(line);
    expect(help ?? type ?? sample, `line "${line}"`).not.toBeNull();
    const name = (help ?? type ?? sample)![1]!;
    if (name !== current) {
      expect(done.has(name), `family ${name} appears twice`).toBe(false);
      if (current) done.add(current);
      current = name;
      expect(help, `family ${name} starts with its HELP line`).not.toBeNull();
      samplesPerFamily.set(name, 0);
    } else if (help) throw new Error(`second HELP for ${name}`);
    else if (type) expect(samplesPerFamily.get(name)).toBe(0);
    else samplesPerFamily.set(name, samplesPerFamily.get(name)! + 1);
  }
  return samplesPerFamily;
}

describe('Metrics', () => {
  it('describes every known counter family from the start, before anything was counted', () => {
    const text = new Metrics().render();
    const families = checkExposition(text);
    for (const name of Object.keys(COUNTER_FAMILIES)) {
      expect(families.get(`${METRIC_PREFIX}${name}`)).toBe(0);
      expect(text).toContain(`# TYPE ${METRIC_PREFIX}${name} counter\n`);
    }
    expect(Object.keys(COUNTER_FAMILIES).sort()).toEqual(['webhook_events_total', 'webhook_handshake_total', 'webhook_rejected_total']);
  });

  it('keeps each family’s samples together and escapes label values', () => {
    const metrics = new Metrics();
    metrics.increment('webhook_events_total', { platform: 'feishu', status: 'accepted' });
    metrics.increment('webhook_rejected_total', { platform: 'wecom', code: 'bad "sig"\\\n' });
    metrics.increment('webhook_events_total', { status: 'accepted', platform: 'feishu' });
    metrics.increment('webhook_events_total', { platform: 'dingtalk', status: 'duplicate' });
    metrics.increment('webhook_handshake_total', { platform: 'feishu' });
    const text = metrics.render();
    const families = checkExposition(text);
    expect(families.get('salesbeat_webhook_events_total')).toBe(2);
    expect(families.get('salesbeat_webhook_rejected_total')).toBe(1);
    expect(text).toContain('salesbeat_webhook_events_total{platform="feishu",status="accepted"} 2\n');
    expect(text).toContain('salesbeat_webhook_rejected_total{code="bad \\"sig\\"\\\\\\n",platform="wecom"} 1\n');
    expect(metrics.value('webhook_events_total', { platform: 'feishu', status: 'accepted' })).toBe(2);
    expect(metrics.value('webhook_events_total', { status: 'duplicate' })).toBe(1);
    expect(metrics.value('webhook_handshake_total', { platform: 'dingtalk' })).toBe(0);
  });

  it('is served at /metrics as Prometheus text, non-empty from the first request', async () => {
    const app = Fastify();
    const database = { driver: 'pglite', query: async () => [] } as unknown as Database;
    await app.register(healthRoutes, { database, metrics: new Metrics() });
    const response = await app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(checkExposition(response.body).size).toBe(3);
    await app.close();
  });
});
