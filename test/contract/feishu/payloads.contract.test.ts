import { describe, expect, it } from 'vitest';
import type { DomainEventKind } from '../../../src/core/events.js';
import { feishuAdapter } from '../../../adapters/feishu/index.js';
import { parseFeishuPayload } from '../../../adapters/feishu/parse.js';
import { feishuSimulator } from '../../../adapters/feishu/simulate.js';
import { NOW, payloadFiles, payloadText } from './feishu-test-data.js';

/** What each recorded payload must become. A new file in ../shared without a line here fails the suite. */
const expectations: Record<string, { kind: DomainEventKind; reason?: string } | { skip: RegExp }> = {
  'application.bot.menu_v6.json': { kind: 'ignored', reason: 'unsupported Feishu event type application.bot.menu_v6' },
  'card.action.trigger.json': { kind: 'card.action' },
  'card.action.trigger.response.toast_and_raw_card.json': { skip: /response/ },
  'encrypt_key_vector.json': { skip: /vector/ },
  'im.chat.access_event.bot_p2p_chat_entered_v1.json': {
    kind: 'ignored',
    reason: 'unsupported Feishu event type im.chat.access_event.bot_p2p_chat_entered_v1',
  },
  'im.chat.member.bot.added_v1.json': { kind: 'ignored', reason: 'unsupported Feishu event type im.chat.member.bot.added_v1' },
  'im.message.message_read_v1.json': { kind: 'ignored', reason: 'unsupported Feishu event type im.message.message_read_v1' },
  'im.message.receive_v1.json': { kind: 'message.received' },
  'vc.meeting.join_meeting_v1.json': { kind: 'ignored', reason: 'Feishu vc.meeting.join_meeting_v1: a participant joining is not a sales action' },
  'vc.meeting.meeting_ended_v1.json': { kind: 'meeting.ended' },
  'vc.meeting.meeting_started_v1.json': { kind: 'meeting.started' },
};

const tenants: Record<string, Record<string, string>> = {
  'Verification Token only': { appId: 'cli_0123456789abcdef', verificationToken: 'tenant-vt' },
  'Encrypt Key and Verification Token': { encryptKey: 'tenant-ek', verificationToken: 'tenant-vt' },
  'Encrypt Key only': { encryptKey: 'tenant-ek' },
};

function handle(file: string, credentials: Record<string, string>) {
  const request = feishuSimulator.toRequest(payloadText(file), credentials, NOW);
  if ('skip' in request) return request;
  return feishuAdapter.handleHttp(request, { credentials, now: NOW });
}

describe('every recorded Feishu payload', () => {
  it('has an expectation', () => {
    expect(payloadFiles().filter((f) => !(f in expectations))).toEqual([]);
  });

  describe.each(Object.entries(tenants))('through the simulator and the webhook, tenant with %s', (_name, credentials) => {
    it.each(payloadFiles())('%s becomes its domain event or an explicit skip', (file) => {
      const expected = expectations[file]!;
      const outcome = handle(file, credentials);
      if ('skip' in expected) {
        expect(outcome).toEqual({ skip: expect.stringMatching(expected.skip) });
        return;
      }
      if (!('kind' in outcome) || outcome.kind !== 'events') throw new Error(`${file}: ${JSON.stringify(outcome)}`);
      const payload = JSON.parse(payloadText(file));
      const [event] = outcome.events;
      expect(outcome.events).toHaveLength(1);
      expect(event!.vendorType).toBe(payload.header.event_type);
      expect(event!.dedupKey).toBe(expected.kind === 'message.received' ? payload.event.message.message_id : `${payload.header.event_type}:${payload.header.event_id}`);
      expect(event!.event.kind).toBe(expected.kind);
      if (expected.reason !== undefined && event!.event.kind === 'ignored') expect(event!.event.reason).toContain(expected.reason);
      expect(JSON.parse(event!.raw).event).toEqual(payload.event);
    });
  });

  it.each(payloadFiles())('%s parses directly without throwing', (file) => {
    const payload = JSON.parse(payloadText(file));
    const result = parseFeishuPayload(payload, payloadText(file), NOW);
    const expected = expectations[file]!;
    if ('skip' in expected) expect(result).toMatchObject({ kind: 'rejected', status: 400, code: 'malformed_body' });
    else expect(result).toMatchObject({ kind: 'parsed', event: { event: { kind: expected.kind } } });
  });
});

describe('recorded payloads map field by field', () => {
  const parse = (file: string) => {
    const payload = JSON.parse(payloadText(file));
    const result = parseFeishuPayload(payload, payloadText(file), NOW);
    if (result.kind !== 'parsed') throw new Error(JSON.stringify(result));
    return { payload, event: result.event.event };
  };

  it('im.message.receive_v1: group text with the @-mention named, sender ids, create_time in ms', () => {
    const { payload, event } = parse('im.message.receive_v1.json');
    const message = payload.event.message;
    expect(event).toEqual({
      kind: 'message.received',
      occurredAt: '2020-12-27T12:45:51.345Z',
      messageId: message.message_id,
      chat: { id: message.chat_id, type: 'group' },
      // The sample's sender tenant_key differs from the app's tenant_key: a user of another organisation.
      sender: { ids: payload.event.sender.sender_id, external: true },
      text: JSON.parse(message.content).text.replace(message.mentions[0].key, `@${message.mentions[0].name}`),
      contentType: 'text',
      toBot: false,
      replyTo: { message_id: message.message_id, chat_id: message.chat_id },
    });
  });

  it.each([
    ['p2p chat', { chat_type: 'p2p' }, { chat: { type: 'direct' }, toBot: true }],
    ['group chat mentioning the bot', { mentions: [{ key: '@_user_1', name: 'salesbeat', mentioned_type: 'bot', id: { open_id: 'ou_bot' } }] }, { toBot: true, text: '@salesbeat hello' }],
    [
      'rich text (post)',
      {
        message_type: 'post',
        content: JSON.stringify({
          title: '周报',
          content: [
            [{ tag: 'text', text: '客户 ' }, { tag: 'at', user_id: 'ou_1', user_name: '王经理' }, { tag: 'text', text: ' 同意报价' }],
            [{ tag: 'img', image_key: 'img_1' }],
            [{ tag: 'a', text: '合同', href: 'https://example.com' }],
          ],
        }),
      },
      { contentType: 'rich_text', text: '周报\n客户 @王经理 同意报价\n\n合同' },
    ],
    ['an image', { message_type: 'image', content: '{"image_key":"img_1"}' }, { contentType: 'image', text: '' }],
    ['a video', { message_type: 'media', content: '{"file_key":"f"}' }, { contentType: 'video', text: '' }],
  ])('im.message.receive_v1 in a %s', (_name, override, expected) => {
    const payload = JSON.parse(payloadText('im.message.receive_v1.json'));
    Object.assign(payload.event.message, override);
    const result = parseFeishuPayload(payload, JSON.stringify(payload), NOW);
    expect(result).toMatchObject({ kind: 'parsed', event: { event: expected } });
  });

  it('vc.meeting.meeting_started_v1: topic, host, start time in unix seconds', () => {
    const { payload, event } = parse('vc.meeting.meeting_started_v1.json');
    const host = { ids: payload.event.meeting.host_user.id, external: false };
    expect(event).toEqual({
      kind: 'meeting.started',
      occurredAt: '2020-12-25T08:02:02.000Z',
      meetingId: payload.event.meeting.id,
      topic: payload.event.meeting.topic,
      host,
      participants: [host], // the owner is the host in this sample
    });
  });

  it('vc.meeting.meeting_ended_v1: end time, and the start time kept', () => {
    const { payload, event } = parse('vc.meeting.meeting_ended_v1.json');
    expect(event).toMatchObject({
      kind: 'meeting.ended',
      occurredAt: '2020-12-25T08:11:39.000Z',
      startedAt: '2020-12-25T08:02:02.000Z',
      meetingId: payload.event.meeting.id,
      topic: payload.event.meeting.topic,
    });
  });

  it('vc.meeting.all_meeting_started_v1 maps like meeting_started_v1', () => {
    const payload = JSON.parse(payloadText('vc.meeting.meeting_started_v1.json'));
    payload.header.event_type = 'vc.meeting.all_meeting_started_v1';
    expect(parseFeishuPayload(payload, '', NOW)).toMatchObject({ kind: 'parsed', event: { event: { kind: 'meeting.started' } } });
  });

  it('card.action.trigger: operator ids, value, form_value, card reference; create_time in µs', () => {
    const { payload, event } = parse('card.action.trigger.json');
    const { operator, action, context, token } = payload.event;
    expect(event).toEqual({
      kind: 'card.action',
      occurredAt: '2020-10-29T13:14:58.000Z',
      operator: { ids: { open_id: operator.open_id, user_id: operator.user_id, union_id: operator.union_id }, external: false },
      value: action.value,
      formValue: action.form_value,
      cardRef: { open_message_id: context.open_message_id, open_chat_id: context.open_chat_id, token },
    });
  });
});
