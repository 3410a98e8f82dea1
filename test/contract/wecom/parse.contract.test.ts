/**
 * WeCom plaintext XML → domain events: every recorded payload in ../shared/data/payloads/wecom/,
 * then the event types salesbeat maps or deliberately ignores.
 */
import { describe, expect, it } from 'vitest';
import type { InboundEvent, Rejection } from '../../../adapters/contract.js';
import { parsePlaintext } from '../../../adapters/wecom/parse.js';
import { payloadFiles, readPayload } from './wecom-vectors.js';

function parsed(xml: string): InboundEvent {
  const result = parsePlaintext(xml);
  if (!Array.isArray(result)) throw new Error(`expected events, got ${JSON.stringify(result)}`);
  expect(result).toHaveLength(1);
  return result[0] as InboundEvent;
}

function rejected(xml: string): Rejection {
  const result = parsePlaintext(xml);
  if (Array.isArray(result)) throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
  return result;
}

/** Expected outcome per recorded file, written by hand from the files' content. */
const recorded: Record<string, Partial<InboundEvent> | 'adapter-test'> = {
  'text_message.xml': {
    dedupKey: '1234567890123456',
    vendorType: 'text',
    event: {
      kind: 'message.received',
      occurredAt: '2012-09-28T11:31:00.000Z',
      messageId: '1234567890123456',
      chat: { id: 'fromUser', type: 'direct' },
      sender: { ids: { userid: 'fromUser' }, external: false },
      text: 'this is a test',
      contentType: 'text',
      toBot: true,
      replyTo: { touser: 'fromUser', agentid: '1' },
    },
  },
  'change_external_contact.add_external_contact.xml': {
    dedupKey: 'sys|1403610513|change_external_contact|add_external_contact|zhangsan|woAJ2GCAAAXtWyujaWJHDDGi0mACH71w',
    vendorType: 'change_external_contact.add_external_contact',
    event: {
      kind: 'contact.added',
      occurredAt: '2014-06-24T11:48:33.000Z',
      rep: { ids: { userid: 'zhangsan' }, external: false },
      contact: { ids: { external_userid: 'woAJ2GCAAAXtWyujaWJHDDGi0mACH71w' }, external: true },
      state: 'teststate',
    },
  },
  'template_card_event.xml': {
    dedupKey: 'FromUser|123456789|template_card_event|taskid111|key111',
    vendorType: 'template_card_event',
    event: {
      kind: 'card.action',
      occurredAt: '1973-11-29T21:33:09.000Z',
      operator: { ids: { userid: 'FromUser' }, external: false },
      value: {
        key: 'key111',
        taskId: 'taskid111',
        cardType: 'text_notice',
        selected: [
          { questionKey: 'QuestionKey1', optionIds: ['OptionId1', 'OptionId2'] },
          { questionKey: 'QuestionKey2', optionIds: ['OptionId3', 'OptionId4'] },
        ],
      },
      cardRef: { taskId: 'taskid111', responseCode: 'ResponseCode', agentId: '1' },
    },
  },
  // An encrypted POST (keys + body), decrypted and parsed in adapter.contract.test.ts.
  'encrypted_callback_vector.json': 'adapter-test',
};

describe('recorded WeCom payloads', () => {
  it('every file in payloads/wecom has an expected outcome here', () => {
    expect(payloadFiles()).toEqual(Object.keys(recorded).sort());
  });

  it.each(payloadFiles().filter((f) => f.endsWith('.xml')))('%s parses to the expected event', (file) => {
    const xml = readPayload(file);
    const event = parsed(xml);
    expect(event).toMatchObject(recorded[file] as object);
    expect(event.event).toEqual((recorded[file] as InboundEvent).event);
    expect(event.raw).toBe(xml);
  });
});

const head = (from: string, time: string) =>
  `<ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${time}</CreateTime>`;
const externalContact = (changeType: string, extra = '<UserID>zhangsan</UserID><ExternalUserID>wmCUSTOMER1</ExternalUserID>') =>
  `<xml>${head('sys', '1772442000')}<MsgType>event</MsgType><Event>change_external_contact</Event><ChangeType>${changeType}</ChangeType>${extra}</xml>`;

describe('change_external_contact', () => {
  it('add_half_external_contact (added without verification) is also contact.added', () => {
    expect(parsed(externalContact('add_half_external_contact')).event).toMatchObject({ kind: 'contact.added', contact: { ids: { external_userid: 'wmCUSTOMER1' } } });
  });

  it.each([
    ['del_external_contact', 'rep_removed_customer'],
    ['del_follow_user', 'customer_removed_rep'],
  ])('%s → contact.removed (%s)', (changeType, reason) => {
    expect(parsed(externalContact(changeType)).event).toEqual({
      kind: 'contact.removed',
      occurredAt: '2026-03-02T09:00:00.000Z',
      rep: { ids: { userid: 'zhangsan' }, external: false },
      contact: { ids: { external_userid: 'wmCUSTOMER1' }, external: true },
      reason,
    });
  });

  it('edit_external_contact is ignored with its reason', () => {
    expect(parsed(externalContact('edit_external_contact')).event).toMatchObject({ kind: 'ignored', reason: expect.stringContaining('edit_external_contact') });
  });

  it('two customers added by the same rep in the same second keep distinct dedup keys', () => {
    const a = parsed(externalContact('add_external_contact', '<UserID>zhangsan</UserID><ExternalUserID>wmA</ExternalUserID>'));
    const b = parsed(externalContact('add_external_contact', '<UserID>zhangsan</UserID><ExternalUserID>wmB</ExternalUserID>'));
    const again = parsed(externalContact('add_external_contact', '<UserID>zhangsan</UserID><ExternalUserID>wmA</ExternalUserID>'));
    expect(a.dedupKey).not.toBe(b.dedupKey);
    expect(again.dedupKey).toBe(a.dedupKey);
  });

  it.each([
    ['ChangeType', `<xml>${head('sys', '1772442000')}<MsgType>event</MsgType><Event>change_external_contact</Event></xml>`],
    ['ExternalUserID', externalContact('add_external_contact', '<UserID>zhangsan</UserID>')],
    ['UserID', externalContact('del_follow_user', '<ExternalUserID>wmA</ExternalUserID>')],
  ])('without <%s> → 400 missing_field naming it', (field, xml) => {
    expect(rejected(xml)).toMatchObject({ status: 400, code: 'missing_field', message: expect.stringContaining(`<${field}>`), messageZh: expect.stringContaining(field) });
  });
});

describe('events salesbeat ignores, each with a specific reason', () => {
  it.each([
    ['change_external_chat', '<ChatId>wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA</ChatId><ChangeType>create</ChangeType>', 'ChatId'],
    ['meeting_change', '<ChangeType>meeting_start</ChangeType><MeetingId>hyXY0MBQAAH</MeetingId>', 'meeting API'],
    ['template_card_menu_event', '<EventKey>menu1</EventKey><TaskId>t1</TaskId>', 'menu'],
    ['enter_agent', '', 'opened the app'],
  ])('%s', (eventType, extra, reasonPart) => {
    const event = parsed(`<xml>${head('zhangsan', '1772442000')}<MsgType>event</MsgType><Event>${eventType}</Event>${extra}</xml>`);
    expect(event.event).toMatchObject({ kind: 'ignored', reason: expect.stringContaining(reasonPart) });
  });
});

describe('messages sent to the app', () => {
  it.each([
    ['image', '<PicUrl>https://example.com/a.png</PicUrl><MediaId>m1</MediaId>', 'image', ''],
    ['voice', '<MediaId>m1</MediaId><Format>amr</Format>', 'audio', ''],
    ['location', '<Location_X>23.1</Location_X><Location_Y>113.3</Location_Y><Label>广州市海珠区</Label>', 'location', '广州市海珠区'],
  ])('%s → message.received of type %s', (msgType, extra, contentType, text) => {
    const event = parsed(`<xml>${head('zhangsan', '1772442000')}<MsgType>${msgType}</MsgType>${extra}<MsgId>77</MsgId><AgentID>1000002</AgentID></xml>`);
    expect(event.event).toMatchObject({ kind: 'message.received', contentType, text, messageId: '77' });
  });

  it('keeps message text verbatim: spaces, markup-looking CDATA and XML entities', () => {
    const event = parsed(`<xml>${head('zhangsan', '1772442000')}<MsgType>text</MsgType><Content><![CDATA[  报价 <b>&amp; ]]>&amp;&#20320;</Content><MsgId>78</MsgId></xml>`);
    expect(event.event).toMatchObject({ text: '  报价 <b>&amp; &你' });
  });

  it('a repeated <Content> element → 400 malformed_body', () => {
    expect(rejected(`<xml>${head('zhangsan', '1772442000')}<MsgType>text</MsgType><Content>a</Content><Content>b</Content><MsgId>79</MsgId></xml>`)).toMatchObject({
      status: 400,
      code: 'malformed_body',
      message: expect.stringContaining('Content'),
    });
  });

  it('a CreateTime that is not unix seconds → 400 malformed_body', () => {
    expect(rejected(`<xml>${head('zhangsan', 'yesterday')}<MsgType>text</MsgType><Content>a</Content><MsgId>80</MsgId></xml>`)).toMatchObject({ code: 'malformed_body' });
  });

  it('no MsgType → 400 missing_field', () => {
    expect(rejected(`<xml>${head('zhangsan', '1772442000')}<Content>a</Content></xml>`)).toMatchObject({ code: 'missing_field', message: expect.stringContaining('MsgType') });
  });
});
