/**
 * The SDK's real WSClient against a loopback fake of Feishu's endpoint + gateway (no internet): the vector's
 * frame goes in, our parse + sink run, and the ack frame comes back only after the commit.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { InboundEvent, InboundSink } from '../../../adapters/contract.js';
import { startFeishuLongConnection } from '../../../adapters/feishu/long-connection.js';
import { decodeFrame, vector } from './feishu-test-data.js';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeFeishu(frameHex: string) {
  const gateway = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise((resolve) => gateway.once('listening', resolve));
  const wsUrl = `ws://127.0.0.1:${(gateway.address() as AddressInfo).port}/ws?device_id=d1&service_id=1`;
  const endpoint: Server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ code: 0, data: { URL: wsUrl, ClientConfig: { PingInterval: 120, ReconnectCount: 0, ReconnectInterval: 120, ReconnectNonce: 1 } } }));
  });
  await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  const acks: Array<ReturnType<typeof decodeFrame>> = [];
  gateway.on('connection', (socket) => {
    // Like the real gateway, push the event once the client is talking (its first ping).
    let pushed = false;
    socket.on('message', (data: Buffer) => {
      const frame = decodeFrame(data.toString('hex'));
      if (frame.headers.type === 'event') acks.push(frame);
      if (frame.headers.type === 'ping' && !pushed) {
        pushed = true;
        socket.send(Buffer.from(frameHex, 'hex'));
      }
    });
  });
  cleanups.push(async () => {
    for (const client of gateway.clients) client.terminate();
    await new Promise((resolve) => gateway.close(resolve));
    await new Promise((resolve) => endpoint.close(resolve));
  });
  return { baseUrl: `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`, acks };
}

async function until(condition: () => boolean, timeoutMs = 5000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('Feishu long connection over a loopback gateway', () => {
  it('ingests the card callback frame and acks code 200 with base64("{}") after the commit', async () => {
    const { inputs } = vector('feishu_ws_card_callback_ack_frame');
    const { baseUrl, acks } = await fakeFeishu(inputs.inbound_frame_hex);
    const ingested: InboundEvent[][] = [];
    let commit!: () => void;
    const sink: InboundSink = {
      ingest: (_tenant, _platform, _transport, events) => {
        ingested.push(events);
        return new Promise((resolve) => (commit = () => resolve(events.map((e) => ({ dedupKey: e.dedupKey, status: 'accepted' })))));
      },
    };
    const connection = startFeishuLongConnection({
      tenantId: 'acme',
      credentials: { appId: JSON.parse(decodeFrame(inputs.inbound_frame_hex).payload.toString('utf8')).header.app_id, appSecret: 's' },
      sink,
      logger: silent,
      baseUrl,
    });
    cleanups.push(() => connection.stop());

    await until(() => ingested.length === 1);
    expect(ingested[0]![0]!.event.kind).toBe('card.action');
    await new Promise((r) => setTimeout(r, 50));
    expect(acks).toHaveLength(0); // not acked before the commit
    commit();
    await until(() => acks.length === 1);
    const ack = JSON.parse(acks[0]!.payload.toString('utf8'));
    expect(ack.code).toBe(200);
    expect(JSON.parse(Buffer.from(ack.data, 'base64').toString('utf8'))).toEqual({});
    expect(acks[0]!.headers.message_id).toBe(decodeFrame(inputs.inbound_frame_hex).headers.message_id);
  });

  it('acks code 500 when the inbox commit fails, so Feishu re-pushes', async () => {
    const { inputs } = vector('feishu_ws_card_callback_ack_frame');
    const { baseUrl, acks } = await fakeFeishu(inputs.inbound_frame_hex);
    const sink: InboundSink = { ingest: () => Promise.reject(new Error('database down')) };
    const connection = startFeishuLongConnection({
      tenantId: 'acme',
      credentials: { appId: 'cli_0123456789abcdef', appSecret: 's' },
      sink,
      logger: silent,
      baseUrl,
    });
    cleanups.push(() => connection.stop());
    await until(() => acks.length === 1);
    expect(JSON.parse(acks[0]!.payload.toString('utf8')).code).toBe(500);
  });
});
