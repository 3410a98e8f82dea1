/**
 * WeCom template_card for each card kind: a reviewed snapshot, plus the documented limits (doc path/90236):
 * task_id charset and ≤128 bytes, button_list ≤6, key ≤1024 bytes and unique, list lengths, 字 limits.
 */
import { describe, expect, it } from 'vitest';
import { decodeActionKey } from '../../../src/core/card-action.js';
import { CardRenderError, type Card } from '../../../src/core/card.js';
import { measure } from '../../../src/core/card-text.js';
import {
  WECOM_BUTTON_KEY_MAX_BYTES,
  WECOM_BUTTON_TEXT_MAX_WIDTH,
  WECOM_HORIZONTAL_VALUE_MAX_WIDTH,
  WECOM_KEYNAME_MAX_WIDTH,
  WECOM_MAIN_TITLE_DESC_MAX_WIDTH,
  WECOM_MAIN_TITLE_MAX_WIDTH,
  WECOM_MAX_BUTTONS,
  WECOM_MAX_HORIZONTAL_CONTENTS,
  WECOM_MAX_JUMPS,
  WECOM_SUB_TITLE_TEXT_MAX_WIDTH,
  WECOM_TASK_ID_MAX_BYTES,
  renderWecomCard,
  wecomTaskId,
  type WecomRenderOptions,
  type WecomTemplateCard,
} from '../../../adapters/wecom/render-card.js';
import { HOSTILE_NAME, escalatedCard, formCard, hostileCard, overdueFinalCard, overdueOwnerCard, overdueSupervisorCard, sampleCards, withButtons } from '../../fixtures/cards/sample-cards.js';

const options: WecomRenderOptions = {
  cardUrl: (card) => `https://salesbeat.example.com/console/cards/${card.id}`,
  actionUrl: (card, button) => `https://salesbeat.example.com/console/cards/${card.id}/actions/${button.actionId}?t=signed`,
};

const TASK_ID_CHARSET = /^[A-Za-z0-9_\-@]+$/;

function assertWithinLimits(payload: WecomTemplateCard): void {
  expect(payload.task_id).toMatch(TASK_ID_CHARSET);
  expect(measure(payload.task_id, 'bytes')).toBeLessThanOrEqual(WECOM_TASK_ID_MAX_BYTES);
  expect(measure(payload.main_title.title, 'width')).toBeLessThanOrEqual(WECOM_MAIN_TITLE_MAX_WIDTH);
  if (payload.main_title.desc !== undefined) expect(measure(payload.main_title.desc, 'width')).toBeLessThanOrEqual(WECOM_MAIN_TITLE_DESC_MAX_WIDTH);
  if (payload.sub_title_text !== undefined) expect(measure(payload.sub_title_text, 'width')).toBeLessThanOrEqual(WECOM_SUB_TITLE_TEXT_MAX_WIDTH);
  const contents = payload.horizontal_content_list ?? [];
  expect(contents.length).toBeLessThanOrEqual(WECOM_MAX_HORIZONTAL_CONTENTS);
  for (const c of contents) {
    expect(measure(c.keyname, 'width')).toBeLessThanOrEqual(WECOM_KEYNAME_MAX_WIDTH);
    expect(measure(c.value, 'width')).toBeLessThanOrEqual(WECOM_HORIZONTAL_VALUE_MAX_WIDTH);
  }
  expect((payload.jump_list ?? []).length).toBeLessThanOrEqual(WECOM_MAX_JUMPS);
  const buttons = payload.button_list ?? [];
  expect(buttons.length).toBeLessThanOrEqual(WECOM_MAX_BUTTONS);
  for (const b of buttons) {
    expect(measure(b.text, 'width')).toBeLessThanOrEqual(WECOM_BUTTON_TEXT_MAX_WIDTH);
    if (b.type === 1) expect(b.url).toMatch(/^https:\/\//);
    else expect(measure(b.key!, 'bytes')).toBeLessThanOrEqual(WECOM_BUTTON_KEY_MAX_BYTES);
  }
  const keys = buttons.flatMap((b) => (b.key === undefined ? [] : [b.key]));
  expect(new Set(keys).size).toBe(keys.length);
  expect(payload.card_action.url).toMatch(/^https:\/\//);
  if (payload.card_type === 'text_notice') expect(payload.button_list).toBeUndefined();
}

describe('renderWecomCard', () => {
  it.each(sampleCards)('%s matches the reviewed snapshot (zh-CN)', (_name, card) => {
    expect(renderWecomCard(card, 'zh-CN', options)).toMatchSnapshot();
  });

  it.each(sampleCards)('%s in English matches the reviewed snapshot', (_name, card) => {
    expect(renderWecomCard(card, 'en', options)).toMatchSnapshot();
  });

  it.each(sampleCards.flatMap(([name, card]) => [[`${name} zh-CN`, card, 'zh-CN'] as const, [`${name} en`, card, 'en'] as const]))('%s stays within the documented limits', (_name, card, locale) => {
    assertWithinLimits(renderWecomCard(card, locale, options).payload);
  });

  it('sends button_interaction while buttons are live, and text_notice once the card is final', () => {
    expect(renderWecomCard(overdueOwnerCard, 'zh-CN', options).payload.card_type).toBe('button_interaction');
    const final = renderWecomCard(overdueFinalCard, 'zh-CN', options).payload;
    expect(final.card_type).toBe('text_notice');
    expect(final.main_title.desc).toBe('已确认 by 王五 at 14:02');
    expect(final.source.desc_color).toBe(3);
  });

  it('each key decodes back to the button’s action and value (TaskId names the card)', () => {
    const { payload } = renderWecomCard(overdueSupervisorCard, 'zh-CN', options);
    expect(payload.task_id).toBe(overdueSupervisorCard.id);
    expect(payload.button_list!.map((b) => decodeActionKey(b.key!))).toEqual(overdueSupervisorCard.buttons.map((b) => ({ actionId: b.actionId, value: b.value })));
  });

  it('turns the form, which WeCom cannot show, into one URL button to the caller’s action page', () => {
    const { payload } = renderWecomCard(formCard, 'zh-CN', options);
    expect(payload.card_type).toBe('button_interaction');
    expect(payload.button_list).toEqual([{ type: 1, text: '提交', style: 1, url: options.actionUrl(formCard, formCard.form!.submit) }]);
    expect(payload.card_action.url).toBe(options.cardUrl(formCard));
  });

  it('keeps six buttons, reports the rest', () => {
    const { payload, cuts } = renderWecomCard(withButtons(overdueOwnerCard, 8), 'zh-CN', options);
    expect(payload.button_list).toHaveLength(WECOM_MAX_BUTTONS);
    expect(cuts).toContainEqual({ path: 'buttons', unit: 'items', limit: 6, length: 8 });
  });

  it('cuts over-long titles, field names and values with … and reports each cut', () => {
    const card: Card = {
      ...escalatedCard,
      title: { zh: `升级提醒：${'很长的客户名称'.repeat(8)}`, en: 'x' },
      blocks: [{ type: 'fields', fields: [{ label: { zh: '客户全称（工商注册）', en: 'Customer' }, value: { zh: '值'.repeat(40), en: 'v' } }] }],
      links: Array.from({ length: 4 }, (_, i) => ({ label: { zh: `链接${i}`, en: `Link ${i}` }, url: `https://example.com/${i}` })),
    };
    const { payload, cuts } = renderWecomCard(card, 'zh-CN', options);
    assertWithinLimits(payload);
    expect(payload.main_title.title.endsWith('…')).toBe(true);
    expect(payload.horizontal_content_list).toEqual([{ keyname: '客户全称…', value: `${'值'.repeat(29)}…` }]);
    expect(cuts.map((c) => c.path)).toEqual(['title', 'fields[0].label', 'fields[0].value', 'links']);
  });

  it('refuses a button whose key would pass 1024 bytes (a cut key would not decode)', () => {
    const card: Card = { ...overdueOwnerCard, buttons: [{ ...overdueOwnerCard.buttons[0]!, value: { note: '长'.repeat(200) } }] };
    expect(() => renderWecomCard(card, 'zh-CN', options)).toThrow(CardRenderError);
  });

  it('passes a hostile customer name through as plain text (WeCom renders no markup)', () => {
    const { payload } = renderWecomCard(hostileCard, 'zh-CN', options);
    assertWithinLimits(payload);
    const customer = payload.horizontal_content_list![0]!.value;
    expect(customer.startsWith('<script>alert("x")</script> **粗** <at')).toBe(true);
    expect(customer.endsWith('…')).toBe(true);
    expect(HOSTILE_NAME.startsWith(customer.slice(0, -1))).toBe(true);
  });
});

describe('wecomTaskId', () => {
  it('uses the card id as it is when it already fits, with the delivery id after @', () => {
    expect(wecomTaskId('lead-overdue-1-first_response-owner')).toBe('lead-overdue-1-first_response-owner');
    expect(wecomTaskId('lead-overdue-1', 'outbox_42')).toBe('lead-overdue-1@outbox_42');
  });

  it.each([
    ['characters outside [A-Za-z0-9_-@]', 'lead overdue/1:二', undefined],
    ['more than 128 bytes', 'x'.repeat(200), undefined],
    ['a long delivery id', 'lead-overdue-1', 'd'.repeat(130)],
  ])('makes a valid, still distinct id from %s', (_name, cardId, deliveryId) => {
    const id = wecomTaskId(cardId, deliveryId);
    expect(id).toMatch(TASK_ID_CHARSET);
    expect(measure(id, 'bytes')).toBeLessThanOrEqual(WECOM_TASK_ID_MAX_BYTES);
    expect(wecomTaskId(`${cardId}x`, deliveryId)).not.toBe(id);
  });

  it('gives two deliveries of one card two task ids', () => {
    const a = renderWecomCard(overdueOwnerCard, 'zh-CN', { ...options, deliveryId: 'row-1' }).payload.task_id;
    const b = renderWecomCard(overdueOwnerCard, 'zh-CN', { ...options, deliveryId: 'row-2' }).payload.task_id;
    expect(a).not.toBe(b);
  });
});
