import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../src/core/events.js';
import { dingtalkAdapter } from '../../../adapters/dingtalk/index.js';
import { dingtalkSimulator } from '../../../adapters/dingtalk/simulate.js';
import { handleStreamFrame } from '../../../adapters/dingtalk/stream-frame.js';
import { payloadFiles, readPayload, vector } from './shared-data.js';

const checkUrl = vector('dingtalk_check_url_python3_sample').inputs;
const credentials = {
  clientId: checkUrl.owner_key as string,
  clientSecret: 'robot-app-secret',
  callbackToken: checkUrl.token as string,
  callbackAesKey: checkUrl.aes_key as string,
};
const now = new Date('2026-03-02T08:00:00Z');

type Expectation = { skip: RegExp } | { kind: DomainEvent['kind']; match?: Record<string, unknown> };

const media = (contentType: string) => ({ kind: 'message.received' as const, match: { contentType, text: '', toBot: true } });

/** What each recorded DingTalk payload must become when DingTalk sends it over HTTP. */
const expectations: Record<string, Expectation> = {
  'card_callback.actionCallback.json': {
    kind: 'card.action',
    match: { value: { action: 'accept', actionIds: ['1'] }, cardRef: { outTrackId: 'XXXXXX' }, operator: { ids: { staffId: 'XXXXXX', corpId: 'dingXXXXXX' }, external: false } },
  },
  'robot_message.audio.json': media('audio'),
  'robot_message.file.json': media('file'),
  'robot_message.picture.json': media('image'),
  'robot_message.video.json': media('video'),
  'robot_message.richText.json': {
    kind: 'message.received',
    match: { contentType: 'rich_text', text: '这个问题示例图如下：\n通过以上示意图可以明白完整的交互流程' },
  },
  'robot_message.text.json': {
    kind: 'message.received',
    match: {
      text: 'hello DingTalk!',
      contentType: 'text',
      chat: { id: 'cide****4g=', type: 'direct' },
      sender: { ids: { dingtalkId: '$:LWC****PA==', staffId: '042***297' }, name: '张三', external: false },
      occurredAt: new Date(1695283635765).toISOString(),
      replyTo: { sessionWebhook: 'https://oapi.dingtalk.com/robot/sendBySession?session=79b48****4d4b', sessionWebhookExpiredTime: '1695289035996', robotCode: 'ding****c6gk' },
    },
  },
  'robot_message.unknown.json': { kind: 'ignored', match: { reason: expect.stringMatching(/unknownMsgType/) } },
  'stream_ack.callback.robot_message.json': { skip: /ack/ },
  'stream_ack.event.json': { skip: /ack/ },
  'stream_ack.system.ping.json': { skip: /ack/ },
  'stream_frame.callback.robot_message.json': {
    kind: 'message.received',
    match: { text: '测试数据', chat: { type: 'group', title: '测试群' }, occurredAt: now.toISOString() },
  },
  'stream_frame.event.user_add_org.json': { kind: 'ignored', match: { reason: expect.stringMatching(/user_add_org/) } },
  'stream_frame.system.disconnect.json': { skip: /SYSTEM frame \(disconnect\)/ },
  'stream_frame.system.ping.json': { skip: /SYSTEM frame \(ping\)/ },
};

describe('every recorded DingTalk payload, sent the way DingTalk would send it over HTTP', () => {
  it('has an expectation for every file in the payload folder', () => {
    expect(payloadFiles()).toEqual(Object.keys(expectations).sort());
  });

  it.each(payloadFiles())('%s', (file) => {
    const content = readPayload(file);
    expect(dingtalkSimulator.recognises(content)).toBe(true);
    const request = dingtalkSimulator.toRequest(content, credentials, now);
    const expected = expectations[file]!;
    if ('skip' in expected) {
      expect(request).toEqual({ skip: expect.stringMatching(expected.skip) });
      return;
    }
    if ('skip' in request) throw new Error(`unexpected skip: ${request.skip}`);
    const outcome = dingtalkAdapter.handleHttp(request, { credentials, now });
    if (outcome.kind !== 'events') throw new Error(`expected events, got ${JSON.stringify(outcome)}`);
    expect(outcome.reply.status).toBe(200);
    expect(outcome.events).toHaveLength(1);
    const [event] = outcome.events;
    expect(event!.event.kind).toBe(expected.kind);
    if (expected.match) expect(event!.event).toMatchObject(expected.match);
    expect(event!.dedupKey.length).toBeGreaterThan(0);
  });

  it('bot messages dedup on msgId, so the same message over HTTP and over Stream collapses', () => {
    const file = readPayload('robot_message.text.json');
    const request = dingtalkSimulator.toRequest(file, credentials, now);
    if ('skip' in request) throw new Error(request.skip);
    const http = dingtalkAdapter.handleHttp(request, { credentials, now });
    const frame = { type: 'CALLBACK', headers: { topic: '/v1.0/im/bot/messages/get', messageId: 'm1' }, data: file };
    const stream = handleStreamFrame(frame, now);
    expect(http.kind === 'events' && http.events[0]!.dedupKey).toBe(JSON.parse(file).msgId);
    expect(stream.events[0]!.dedupKey).toBe(JSON.parse(file).msgId);
  });

  it('skips, naming the variable, when the tenant lacks the credential the request needs', () => {
    expect(dingtalkSimulator.toRequest(readPayload('robot_message.text.json'), {}, now)).toEqual({
      skip: 'tenant has no DINGTALK_CLIENT_SECRET configured',
    });
    expect(dingtalkSimulator.toRequest(readPayload('stream_frame.event.user_add_org.json'), { clientId: 'x' }, now)).toEqual({
      skip: 'tenant has no DINGTALK_CALLBACK_TOKEN, DINGTALK_CALLBACK_AES_KEY configured',
    });
  });

  it('does not claim other platforms’ payloads or non-JSON content', () => {
    expect(dingtalkSimulator.recognises('<xml><MsgType>text</MsgType></xml>')).toBe(false);
    expect(dingtalkSimulator.recognises('{"schema":"2.0","header":{"event_type":"im.message.receive_v1"},"event":{}}')).toBe(false);
  });
});
