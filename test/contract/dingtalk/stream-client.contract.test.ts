import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { InboundEvent, InboundSink, IngestResult } from '../../../adapters/contract.js';
import { startDingtalkStream, type DingtalkStream } from '../../../adapters/dingtalk/stream-client.js';
import { sleep, startFakeGateway, waitFor, type FakeGateway } from './fake-gateway.js';
import { vector } from './shared-data.js';

const credentials = { clientId: 'dingclientid', clientSecret: 'client-secret' };
const robotFrame = vector('dingtalk_stream_ack_robot').inputs.inbound as Record<string, unknown>;
const robotAck = vector('dingtalk_stream_ack_robot').expected.ack;

/** A sink whose ingest resolves (or fails) only when the test says so. */
function controlledSink() {
  const calls: Array<{ events: InboundEvent[]; resolve: () => void; reject: (e: Error) => void }> = [];
  const sink: InboundSink = {
    ingest: (_tenant, platform, transport, events) => {
      expect([platform, transport]).toEqual(['dingtalk', 'stream']);
      return new Promise<IngestResult[]>((resolve, reject) => {
        calls.push({
          events,
          resolve: () => resolve(events.map((e) => ({ dedupKey: e.dedupKey, status: 'accepted' as const }))),
          reject,
        });
      });
    },
  };
  return { sink, calls };
}

function timeoutHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

let gateway: FakeGateway | null = null;
let stream: DingtalkStream | null = null;

afterEach(async () => {
  await stream?.stop();
  await gateway?.close();
  stream = null;
  gateway = null;
});

describe('DingTalk Stream client against a local fake gateway', () => {
  it('opens a connection with the ticket, ingests a robot frame, and acks it only after ingest resolved', async () => {
    gateway = await startFakeGateway((conn) => conn.ws.send(JSON.stringify(robotFrame)));
    const { sink, calls } = controlledSink();
    stream = startDingtalkStream({ tenantId: 't1', credentials, sink, baseUrl: gateway.baseUrl });

    await waitFor(() => calls.length === 1);
    expect(gateway.opens[0]).toMatchObject({
      clientId: 'dingclientid',
      clientSecret: 'client-secret',
      subscriptions: [
        { type: 'EVENT', topic: '*' },
        { type: 'CALLBACK', topic: '/v1.0/im/bot/messages/get' },
        { type: 'CALLBACK', topic: '/v1.0/card/instances/callback' },
      ],
    });
    expect(gateway.connections[0]!.ticket).toBe('ticket-1');
    expect(calls[0]!.events[0]!.event.kind).toBe('message.received');

    await sleep(150);
    expect(gateway.connections[0]!.received).toEqual([]); // not acked while the inbox has not committed

    calls[0]!.resolve();
    await waitFor(() => gateway!.connections[0]!.received.length === 1);
    expect(gateway.connections[0]!.received[0]).toEqual(robotAck);
  });

  it('sends no ack when ingest fails, so DingTalk redelivers', async () => {
    gateway = await startFakeGateway((conn) => conn.ws.send(JSON.stringify(robotFrame)));
    const { sink, calls } = controlledSink();
    stream = startDingtalkStream({ tenantId: 't1', credentials, sink, baseUrl: gateway.baseUrl });
    await waitFor(() => calls.length === 1);
    calls[0]!.reject(new Error('database down'));
    await sleep(150);
    expect(gateway.connections[0]!.received).toEqual([]);
  });

  it('answers a SYSTEM ping at once, without touching the sink', async () => {
    const ping = vector('dingtalk_stream_ack_ping');
    gateway = await startFakeGateway((conn) => conn.ws.send(JSON.stringify(ping.inputs.inbound)));
    const { sink, calls } = controlledSink();
    stream = startDingtalkStream({ tenantId: 't1', credentials, sink, baseUrl: gateway.baseUrl });
    await waitFor(() => gateway!.connections[0]?.received.length === 1);
    expect(gateway.connections[0]!.received[0]).toEqual(ping.expected.ack);
    expect(calls).toHaveLength(0);
  });

  it('does not storm against a gateway that accepts then immediately terminates, and stop() ends everything', async () => {
    const baselineTimeouts = timeoutHandles();
    gateway = await startFakeGateway((conn) => conn.ws.terminate());
    const { sink } = controlledSink();
    stream = startDingtalkStream({ tenantId: 't1', credentials, sink, baseUrl: gateway.baseUrl, backoff: { baseMs: 100, maxMs: 5_000 } });

    await sleep(1500);
    const opened = gateway.opens.length;
    // Equal-jitter backoff from 100 ms: ≥50, ≥100, ≥200, ≥400 ms … → at most 5 attempts fit in 1.5 s.
    expect(opened).toBeGreaterThanOrEqual(3);
    expect(opened).toBeLessThanOrEqual(6);

    await stream.stop();
    stream = null;
    await sleep(400);
    expect(gateway.opens.length).toBe(opened); // nothing left scheduled
    expect(timeoutHandles()).toBeLessThanOrEqual(baselineTimeouts);
    expect(gateway.connections.every((c) => c.ws.readyState === WebSocket.CLOSED)).toBe(true);
  });

  it('on SYSTEM disconnect opens the new connection before closing the old one', async () => {
    const disconnect = { specVersion: '1.0', type: 'SYSTEM', headers: { topic: 'disconnect', contentType: 'application/json' }, data: '{"reason":"connection is expired"}' };
    let oldStateWhenNewArrived: number | null = null;
    gateway = await startFakeGateway((conn) => {
      const connections = gateway!.connections;
      if (connections.length === 1) conn.ws.send(JSON.stringify(disconnect));
      else oldStateWhenNewArrived = connections[0]!.ws.readyState;
    });
    const { sink } = controlledSink();
    stream = startDingtalkStream({ tenantId: 't1', credentials, sink, baseUrl: gateway.baseUrl });

    await waitFor(() => gateway!.connections.length === 2);
    expect(gateway.connections[1]!.ticket).toBe('ticket-2');
    expect(oldStateWhenNewArrived).toBe(WebSocket.OPEN);
    await waitFor(() => gateway!.connections[0]!.ws.readyState === WebSocket.CLOSED);
    expect(gateway.connections[0]!.received).toEqual([]); // disconnect is never acked
    await sleep(100);
    expect(gateway.opens.length).toBe(2);
    expect(gateway.connections[1]!.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('reconnects when no frame arrives within the watchdog window', async () => {
    gateway = await startFakeGateway(() => {});
    const { sink } = controlledSink();
    stream = startDingtalkStream({
      tenantId: 't1',
      credentials,
      sink,
      baseUrl: gateway.baseUrl,
      watchdogMs: 200,
      backoff: { baseMs: 20, maxMs: 100 },
    });
    await waitFor(() => gateway!.connections.length >= 2, 2000);
    await waitFor(() => gateway!.connections[0]!.ws.readyState === WebSocket.CLOSED);
  });

  it('refuses to start without clientId/clientSecret', () => {
    const { sink } = controlledSink();
    expect(() => startDingtalkStream({ tenantId: 't1', credentials: {}, sink, baseUrl: 'http://127.0.0.1:9' })).toThrow(/DINGTALK_CLIENT_ID/);
  });
});
