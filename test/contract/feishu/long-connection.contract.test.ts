import { describe, expect, it, vi } from 'vitest';
import type { InboundEvent, InboundSink, IngestResult } from '../../../adapters/contract.js';
import { feishuAdapter } from '../../../adapters/feishu/index.js';
import { deliverLongConnectionEvent, longConnectionEvents, startFeishuLongConnection } from '../../../adapters/feishu/long-connection.js';
import { feishuSimulator } from '../../../adapters/feishu/simulate.js';
import { decodeFrame, NOW, payloadFiles, payloadText, vector } from './feishu-test-data.js';

const tenantId = 'acme';
const credentials = { appId: 'cli_0123456789abcdef', appSecret: 'secret' };

function recordingSink(ingest: (events: InboundEvent[]) => Promise<IngestResult[]> = async (events) => events.map((e) => ({ dedupKey: e.dedupKey, status: 'accepted' as const }))) {
  const calls: unknown[][] = [];
  const sink: InboundSink = {
    ingest: (...args) => {
      calls.push(args);
      return ingest(args[3]);
    },
  };
  return { sink, calls };
}

describe('Feishu long connection: dispatched data → inbox events', () => {
  it('maps the ws vector frame (an `event` frame carrying card.action.trigger) and acks it with {}', () => {
    const { inputs } = vector('feishu_ws_card_callback_ack_frame');
    const frame = decodeFrame(inputs.inbound_frame_hex);
    expect(frame.headers.type).toBe('event');
    const data = JSON.parse(frame.payload.toString('utf8'));
    const delivery = longConnectionEvents(data, credentials, NOW);
    if ('kind' in delivery) throw new Error(delivery.message);
    expect(delivery.ack).toEqual({});
    expect(delivery.events).toEqual([
      {
        dedupKey: `${data.header.event_type}:${data.header.event_id}`,
        vendorType: 'card.action.trigger',
        event: expect.objectContaining({ kind: 'card.action', value: data.event.action.value, operator: { ids: data.event.operator, external: false } }),
        raw: frame.payload.toString('utf8'),
      },
    ]);
  });

  it.each(payloadFiles().filter((f) => !('skip' in feishuSimulator.toRequest(payloadText(f), {}, NOW))))(
    '%s gives the same event and dedup key as the webhook',
    (file) => {
      const viaWs = longConnectionEvents(JSON.parse(payloadText(file)), credentials, NOW);
      const webhookTenant = { verificationToken: 'vt' };
      const request = feishuSimulator.toRequest(payloadText(file), webhookTenant, NOW);
      const viaHttp = 'skip' in request ? undefined : feishuAdapter.handleHttp(request, { credentials: webhookTenant, now: NOW });
      if ('kind' in viaWs || viaHttp?.kind !== 'events') throw new Error(file);
      expect(viaWs.events[0]!.dedupKey).toBe(viaHttp.events[0]!.dedupKey);
      expect(viaWs.events[0]!.event).toEqual(viaHttp.events[0]!.event);
    },
  );

  it('commits to the sink as long_connection and resolves (acks) only after the commit', async () => {
    let commit!: () => void;
    const { sink, calls } = recordingSink(
      (events) => new Promise((resolve) => (commit = () => resolve(events.map((e) => ({ dedupKey: e.dedupKey, status: 'accepted' }))))),
    );
    const acked = vi.fn();
    const delivery = deliverLongConnectionEvent(JSON.parse(payloadText('im.message.receive_v1.json')), { tenantId, credentials, sink, now: NOW }).then(acked);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toHaveLength(1);
    expect(calls[0]!.slice(0, 3)).toEqual([tenantId, 'feishu', 'long_connection']);
    expect(acked).not.toHaveBeenCalled();
    commit();
    await delivery;
    expect(acked).toHaveBeenCalledWith(undefined);
  });

  it('throws (so the SDK acks 500 and Feishu re-pushes) when the inbox commit fails', async () => {
    const { sink } = recordingSink(() => Promise.reject(new Error('database down')));
    await expect(
      deliverLongConnectionEvent(JSON.parse(payloadText('im.message.receive_v1.json')), { tenantId, credentials, sink, now: NOW }),
    ).rejects.toThrow('database down');
  });

  it('throws without touching the inbox when the event lacks a required field', async () => {
    const payload = JSON.parse(payloadText('im.message.receive_v1.json'));
    delete payload.event.message.message_id;
    const { sink, calls } = recordingSink();
    await expect(deliverLongConnectionEvent(payload, { tenantId, credentials, sink, now: NOW })).rejects.toThrow(/missing_field.*event\.message\.message_id/);
    expect(calls).toHaveLength(0);
  });

  it('refuses to start without a valid app id and secret instead of idling silently like the SDK', () => {
    const { sink } = recordingSink();
    expect(() => startFeishuLongConnection({ tenantId, credentials: { appId: 'app', appSecret: 's' }, sink })).toThrow(/appId/);
    expect(() => startFeishuLongConnection({ tenantId, credentials: { appId: credentials.appId }, sink })).toThrow(/appSecret/);
  });
});
