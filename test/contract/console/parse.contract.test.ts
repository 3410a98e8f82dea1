/**
 * What the console page posts → domain events, exactly as a platform's payload would become them: people
 * named by salesbeat's own ids, a tap carrying `{action, card, ...value}` and the outbox row as its card ref,
 * and malformed button data refused.
 */
import { describe, expect, it } from 'vitest';
import { consoleCardActionEvent, consoleMessageEvent, parseConsoleTap, stripBotMention } from '../../../adapters/console/parse.js';

const NOW = new Date('2026-03-02T06:02:00.000Z');

describe('console message', () => {
  it('is a message.received from a user, by userId', () => {
    const inbound = consoleMessageEvent({
      messageId: 'cm_1',
      sender: { kind: 'user', userId: 'u-zhangsan', name: '张三' },
      chat: { id: 'console-g-0a1b2c', type: 'group', title: '申通项目群' },
      text: '/bind 上海申通',
      toBot: true,
      now: NOW,
    });
    expect(inbound).toMatchObject({ dedupKey: 'message:cm_1', vendorType: 'console.message' });
    expect(inbound.event).toEqual({
      kind: 'message.received',
      occurredAt: '2026-03-02T06:02:00.000Z',
      messageId: 'cm_1',
      chat: { id: 'console-g-0a1b2c', type: 'group', title: '申通项目群' },
      sender: { ids: { userId: 'u-zhangsan' }, name: '张三', external: false },
      text: '/bind 上海申通',
      contentType: 'text',
      toBot: true,
    });
  });

  it('names a contact by contactId, as someone outside the tenant', () => {
    const inbound = consoleMessageEvent({
      messageId: 'cm_2',
      sender: { kind: 'contact', contactId: 'c-chen', name: '陈经理' },
      chat: { id: 'console-g-0a1b2c', type: 'group' },
      text: '你好',
      toBot: false,
      now: NOW,
    });
    expect(inbound.event).toMatchObject({ sender: { ids: { contactId: 'c-chen' }, name: '陈经理', external: true }, toBot: false });
  });

  it.each([
    ['@bot /bind 申通', true, '/bind 申通'],
    ['@机器人 帮助', true, '帮助'],
    ['@Salesbeat', true, ''],
    ['  hello @bot', false, 'hello @bot'],
    ['@botany club', false, '@botany club'],
  ])('reads a leading mention in %j', (text, mentioned, rest) => {
    expect(stripBotMention(text)).toEqual({ mentioned, text: rest });
  });
});

describe('console tap', () => {
  const form = { cardId: 'lead-overdue-L1-first_response-supervisor', actionId: 'lead.nudge_owner', value: '{"leadId":"L1","step":"first_response","ownerId":"U1"}' };

  it('is a card.action with the button’s value, the card and the outbox row', () => {
    const parsed = parseConsoleTap({ ...form, tenant: 'demo', csrf: 'x', 'form.note': '已电话沟通' });
    expect(parsed).toEqual({
      ok: true,
      tap: { cardId: form.cardId, actionId: 'lead.nudge_owner', value: { leadId: 'L1', step: 'first_response', ownerId: 'U1' }, formValue: { note: '已电话沟通' } },
    });
    if (!parsed.ok) return;
    const inbound = consoleCardActionEvent({ tapId: 't1', tap: parsed.tap, presser: { userId: 'u-wangfang', name: '王芳' }, outboxId: 'o-1', now: NOW });
    expect(inbound).toMatchObject({ dedupKey: 'action:t1', vendorType: 'console.card_action' });
    expect(inbound.event).toEqual({
      kind: 'card.action',
      occurredAt: '2026-03-02T06:02:00.000Z',
      operator: { ids: { userId: 'u-wangfang' }, name: '王芳', external: false },
      value: { action: 'lead.nudge_owner', card: form.cardId, leadId: 'L1', step: 'first_response', ownerId: 'U1' },
      formValue: { note: '已电话沟通' },
      cardRef: { cardId: form.cardId, outboxId: 'o-1' },
    });
  });

  it.each([
    ['no card id', { ...form, cardId: '' }, 'cardId'],
    ['an action id that is not one', { ...form, actionId: 'nudge' }, 'actionId'],
    ['a value that is not JSON', { ...form, value: '{leadId:' }, 'value'],
    ['a value that is not flat strings', { ...form, value: '{"leadId":{"$ne":null}}' }, 'value'],
    ['a value that is a list', { ...form, value: '["L1"]' }, 'value'],
  ])('refuses %s', (_name, body, field) => {
    expect(parseConsoleTap(body)).toMatchObject({ ok: false, field });
  });
});
