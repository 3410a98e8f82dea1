import { describe, expect, it } from 'vitest';
import { decodeActionKey, encodeActionKey, actionPayload } from '../../src/core/card-action.js';
import { cardTextToPlain, fitItems, fitText, md, measure, parseCardText, pick, truncateSpans, truncateText, type TextCut } from '../../src/core/card-text.js';

describe('card text markup', () => {
  it.each([
    ['plain', [{ text: 'plain', bold: false }]],
    ['**粗体**后文', [{ text: '粗体', bold: true }, { text: '后文', bold: false }]],
    ['a **b** c **d**', [{ text: 'a ', bold: false }, { text: 'b', bold: true }, { text: ' c ', bold: false }, { text: 'd', bold: true }]],
    ['an unpaired ** stays literal', [{ text: 'an unpaired ** stays literal', bold: false }]],
    ['**a** and a dangling **', [{ text: 'a', bold: true }, { text: ' and a dangling **', bold: false }]],
    ['escaped \\*\\* and \\\\', [{ text: 'escaped ** and \\', bold: false }]],
    ['', []],
  ])('parses %j', (markup, spans) => {
    expect(parseCardText(markup)).toEqual(spans);
  });

  it('md escapes interpolated values so a name cannot open or close bold', () => {
    const name = '**A*B\\';
    const markup = md`客户 **${name}** 未跟进`;
    expect(parseCardText(markup)).toEqual([
      { text: '客户 ', bold: false },
      { text: '**A*B\\', bold: true },
      { text: ' 未跟进', bold: false },
    ]);
    expect(cardTextToPlain(markup)).toBe('客户 **A*B\\ 未跟进');
  });

  it('picks zh-CN unless asked for en', () => {
    expect(pick({ zh: '中', en: 'en' })).toBe('中');
    expect(pick({ zh: '中', en: 'en' }, 'en')).toBe('en');
  });
});

describe('measuring and cutting', () => {
  it.each([
    ['记录跟进', 'width', 4],
    ['Log follow-up', 'width', 6.5],
    ['Ａ：', 'width', 2],
    ['😀', 'chars', 1],
    ['😀', 'bytes', 4],
    ['中', 'bytes', 3],
  ] as const)('%s measures %s = %d', (text, unit, size) => {
    expect(measure(text, unit)).toBe(size);
  });

  it.each([
    ['short', 10, 'chars', 'short'],
    ['abcdefghij', 5, 'chars', 'abcd…'],
    ['记录客户跟进情况', 5, 'width', '记录客户…'],
    ['中文中文', 7, 'bytes', '中…'],
    ['a 😀😀😀', 4, 'chars', 'a 😀…'],
    ['abc', 0, 'chars', ''],
  ] as const)('truncates %s to %d %s', (text, max, unit, expected) => {
    const cut = truncateText(text, max, unit);
    expect(cut).toBe(expected);
    expect(measure(cut, unit)).toBeLessThanOrEqual(max);
  });

  it('cuts spans keeping bold runs and never splits a surrogate pair', () => {
    const spans = parseCardText('**粗体😀文字** 与普通文字');
    const cut = truncateSpans(spans, 5, 'chars');
    expect(cut).toEqual([
      { text: '粗体😀文', bold: true },
      { text: '…', bold: false },
    ]);
    expect(truncateSpans(spans, 100, 'chars')).toBe(spans);
  });

  it('records each cut with where, the limit and the original size', () => {
    const cuts: TextCut[] = [];
    expect(fitText(cuts, 'title', '一二三四五六', 4, 'width')).toBe('一二三…');
    expect(fitText(cuts, 'ok', '一二', 4, 'width')).toBe('一二');
    expect(fitItems(cuts, 'buttons', [1, 2, 3, 4], 3)).toEqual([1, 2, 3]);
    expect(cuts).toEqual([
      { path: 'title', unit: 'width', limit: 4, length: 6 },
      { path: 'buttons', unit: 'items', limit: 3, length: 4 },
    ]);
  });
});

describe('action payload and key', () => {
  const button = { actionId: 'lead.log_followup', value: { step: 'first_response', leadId: 'L-1 & 2=3' } };

  it('payload names the card and action first, then the value, and never lets the value override them', () => {
    expect(actionPayload('card-1', { actionId: 'lead.nudge_owner', value: { leadId: 'L1', card: 'forged', action: 'forged' } })).toEqual({ action: 'lead.nudge_owner', card: 'card-1', leadId: 'L1' });
  });

  it('key is the action id plus a sorted query string, and decodes back', () => {
    const key = encodeActionKey(button);
    expect(key).toBe('lead.log_followup?leadId=L-1+%26+2%3D3&step=first_response');
    expect(decodeActionKey(key)).toEqual({ actionId: button.actionId, value: button.value });
    expect(encodeActionKey({ actionId: 'lead.nudge_owner', value: {} })).toBe('lead.nudge_owner');
    expect(decodeActionKey('lead.nudge_owner')).toEqual({ actionId: 'lead.nudge_owner', value: {} });
  });

  it.each(['key111', '', '?a=1', 'Lead.Log?x=1'])('refuses %j as an action key', (key) => {
    expect(decodeActionKey(key)).toBeUndefined();
  });
});
