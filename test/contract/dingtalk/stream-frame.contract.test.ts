import { describe, expect, it } from 'vitest';
import { handleStreamFrame } from '../../../adapters/dingtalk/stream-frame.js';
import { readPayload, vector } from './shared-data.js';

const now = new Date('2026-03-02T08:00:00Z');
const inbound = (name: string) => vector(name).inputs.inbound as Record<string, unknown>;
const expectedAck = (name: string) => vector(name).expected.ack as Record<string, unknown>;

describe('DingTalk Stream frames against the SDK-captured acks', () => {
  it('SYSTEM ping → echoes headers and data, stores nothing', () => {
    const result = handleStreamFrame(inbound('dingtalk_stream_ack_ping'), now);
    expect(result.ack).toEqual(expectedAck('dingtalk_stream_ack_ping'));
    expect(result.events).toEqual([]);
    expect(result.control).toBeUndefined();
  });

  it('EVENT user_add_org → ack {status:SUCCESS}, one ignored event deduped on eventId', () => {
    const frame = inbound('dingtalk_stream_ack_event');
    const result = handleStreamFrame(frame, now);
    expect(result.ack).toEqual(expectedAck('dingtalk_stream_ack_event'));
    expect(result.events).toHaveLength(1);
    const headers = frame.headers as Record<string, string>;
    expect(result.events[0]!.dedupKey).toBe(headers.eventId);
    expect(result.events[0]!.event).toMatchObject({ kind: 'ignored', occurredAt: new Date(Number(headers.eventBornTime)).toISOString() });
    expect(result.events[0]!.raw).toBe(frame.data);
  });

  it('CALLBACK robot → ack {response:null} and message.received deduped on msgId', () => {
    const frame = inbound('dingtalk_stream_ack_robot');
    const result = handleStreamFrame(frame, now);
    expect(result.ack).toEqual(expectedAck('dingtalk_stream_ack_robot'));
    expect(result.events).toHaveLength(1);
    const data = JSON.parse(frame.data as string) as Record<string, unknown>;
    expect(result.events[0]!.dedupKey).toBe(data.msgId);
    expect(result.events[0]!.event).toMatchObject({
      kind: 'message.received',
      messageId: data.msgId,
      chat: { id: data.conversationId, type: 'group' },
      sender: { ids: { staffId: data.senderStaffId } },
      text: '客户要报价',
      toBot: true,
      occurredAt: new Date(data.createAt as number).toISOString(),
    });
  });

  it('CALLBACK card → card.action plus an ack with the same envelope; response {} until the card workflow fills it', () => {
    const frame = inbound('dingtalk_stream_ack_card');
    const result = handleStreamFrame(frame, now);
    const { data: expectedData, ...expectedEnvelope } = expectedAck('dingtalk_stream_ack_card');
    const { data, ...envelope } = result.ack!;
    expect(envelope).toEqual(expectedEnvelope);
    // The vector's data carries the app's card update (its app_action); with no update the response is empty.
    expect(Object.keys(JSON.parse(expectedData as string) as object)).toEqual(['response']);
    expect(data).toBe('{"response":{}}');
    expect(result.events).toHaveLength(1);
    expect(result.events[0]!.dedupKey).toMatch(/^card:handover_42:manager01:[0-9a-f]{16}$/);
    expect(result.events[0]!.event).toEqual({
      kind: 'card.action',
      occurredAt: new Date(1700000000000).toISOString(),
      operator: { ids: { staffId: 'manager01', corpId: 'dingcorp' }, external: false },
      value: { action: 'approve', actionIds: ['approve_btn'] },
      cardRef: { outTrackId: 'handover_42' },
    });
  });

  it('the same card click delivered twice gets the same dedup key; different content gets another', () => {
    const frame = inbound('dingtalk_stream_ack_card');
    const first = handleStreamFrame(frame, now).events[0]!.dedupKey;
    const again = handleStreamFrame({ ...frame, headers: { ...(frame.headers as object), messageId: 'redelivery' } }, now).events[0]!.dedupKey;
    const data = JSON.parse(frame.data as string) as Record<string, unknown>;
    const rejected = { ...data, content: '{"cardPrivateData":{"actionIds":["reject_btn"],"params":{"action":"reject"}}}' };
    const other = handleStreamFrame({ ...frame, data: JSON.stringify(rejected) }, now).events[0]!.dedupKey;
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });
});

describe('DingTalk Stream frames from the recorded payloads', () => {
  const frame = (file: string) => JSON.parse(readPayload(file)) as object;

  it('SYSTEM disconnect → no ack, control disconnect', () => {
    expect(handleStreamFrame(frame('stream_frame.system.disconnect.json'), now)).toEqual({ ack: null, events: [], control: 'disconnect' });
  });

  it('SYSTEM ping (doc sample) → echo', () => {
    const f = frame('stream_frame.system.ping.json') as { headers: object; data: string };
    expect(handleStreamFrame(f, now).ack).toEqual({ code: 200, headers: f.headers, message: 'OK', data: f.data });
  });

  it('robot CALLBACK whose data says "createA" (doc typo) falls back to the frame time', () => {
    const result = handleStreamFrame(frame('stream_frame.callback.robot_message.json'), now);
    expect(result.ack?.data).toBe('{"response":null}');
    expect(result.events[0]!.event).toMatchObject({
      kind: 'message.received',
      occurredAt: new Date(1690362102194).toISOString(),
      chat: { type: 'group', title: '测试群' },
      text: '测试数据',
      sender: { name: '用户' },
    });
  });

  it('EVENT user_add_org (doc sample) → ignored with a specific reason', () => {
    const result = handleStreamFrame(frame('stream_frame.event.user_add_org.json'), now);
    expect(result.ack?.data).toBe('{"status":"SUCCESS","message":"ok"}');
    const e = result.events[0]!.event;
    expect(e.kind).toBe('ignored');
    expect(e.kind === 'ignored' && e.reason).toMatch(/address-book event user_add_org/);
  });

  it('a robot CALLBACK with broken data is acked and recorded as ignored, not redelivered forever', () => {
    const f = inbound('dingtalk_stream_ack_robot');
    const result = handleStreamFrame({ ...f, data: '{"msgtype":"text"}' }, now);
    expect(result.ack?.data).toBe('{"response":null}');
    expect(result.events).toHaveLength(1);
    expect(result.events[0]!.dedupKey).toBe('frame:212ca9d7_974_1898c159aa6_1783b');
    expect(result.events[0]!.event.kind === 'ignored' && result.events[0]!.event.reason).toMatch(/missing_field/);
  });

  it('an unknown CALLBACK topic is acked and recorded as ignored', () => {
    const f = inbound('dingtalk_stream_ack_robot');
    const result = handleStreamFrame({ ...f, headers: { ...(f.headers as object), topic: '/v1.0/graph/api/invoke' } }, now);
    expect(result.ack).not.toBeNull();
    expect(result.events[0]!.event.kind).toBe('ignored');
  });

  it('a frame without headers or messageId is dropped without an ack, with a problem for the log', () => {
    expect(handleStreamFrame({ type: 'EVENT' }, now)).toMatchObject({ ack: null, events: [], problem: expect.any(String) });
    expect(handleStreamFrame({ type: 'EVENT', headers: {} }, now)).toMatchObject({ ack: null, events: [] });
  });
});
