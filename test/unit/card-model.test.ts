import { describe, expect, it } from 'vitest';
import { PORTABLE_CARD_LIMITS, validateCard, type Card, type CardLimits } from '../../src/core/card.js';
import { feishuCardLimits } from '../../adapters/feishu/render-card.js';
import { dingtalkCardLimits } from '../../adapters/dingtalk/render-card.js';
import { wecomCardLimits } from '../../adapters/wecom/render-card.js';
import { formCard, overdueSupervisorCard, sampleCards, withButtons } from '../fixtures/cards/sample-cards.js';

function codes(card: Card, limits?: CardLimits) {
  return validateCard(card, limits).map((p) => `${p.code} ${p.path}`);
}

describe('validateCard', () => {
  it.each(sampleCards.filter(([name]) => name !== 'hostile customer name'))('%s has no problems', (_name, card) => {
    expect(validateCard(card)).toEqual([]);
  });

  it.each<[string, (card: Card) => Card, string[]]>([
    ['an empty id', (c) => ({ ...c, id: '' }), ['empty id']],
    ['an id outside [A-Za-z0-9_-@]', (c) => ({ ...c, id: 'lead overdue/1' }), ['invalid id']],
    ['an id over 100 characters', (c) => ({ ...c, id: 'x'.repeat(101) }), ['invalid id']],
    ['an empty kind', (c) => ({ ...c, kind: '' }), ['empty kind']],
    ['a kind that is not dotted', (c) => ({ ...c, kind: 'overdue' }), ['invalid kind']],
    ['an empty English title', (c) => ({ ...c, title: { zh: '标题', en: ' ' } }), ['empty title.en']],
    ['a title over 36 字', (c) => ({ ...c, title: { zh: '超'.repeat(37), en: 'ok' } }), ['too_long title.zh']],
    ['a button label over 10 字', (c) => ({ ...c, buttons: [{ ...c.buttons[0]!, label: { zh: '一二三四五六七八九十一', en: 'ok' } }] }), ['too_long buttons[0].label.zh']],
    ['an empty action id', (c) => ({ ...c, buttons: [{ ...c.buttons[0]!, actionId: '' }] }), ['empty buttons[0].actionId']],
    ['a reserved value key', (c) => ({ ...c, buttons: [{ ...c.buttons[0]!, value: { card: 'x' } }] }), ['reserved_key buttons[0].value.card']],
    ['a value whose key is over 1024 bytes', (c) => ({ ...c, buttons: [{ ...c.buttons[0]!, value: { note: '字'.repeat(400) } }] }), ['too_long buttons[0].value']],
    ['two identical buttons', (c) => ({ ...c, buttons: [c.buttons[0]!, c.buttons[0]!] }), ['duplicate buttons']],
    ['a javascript: link', (c) => ({ ...c, links: [{ label: { zh: '看', en: 'See' }, url: 'javascript:alert(1)' }] }), ['unsafe_url links[0].url']],
    ['a relative link', (c) => ({ ...c, links: [{ label: { zh: '看', en: 'See' }, url: '/leads/1' }] }), ['unsafe_url links[0].url']],
    ['an empty field value', (c) => ({ ...c, blocks: [{ type: 'fields', fields: [{ label: { zh: '客户', en: 'Customer' }, value: { zh: '', en: 'x' } }] }] }), ['empty blocks[0].fields[0].value.zh']],
    [
      'seven fields',
      (c) => ({ ...c, blocks: [{ type: 'fields', fields: Array.from({ length: 7 }, () => ({ label: { zh: '项', en: 'Item' }, value: { zh: '值', en: 'v' } })) }] }),
      ['too_many blocks'],
    ],
  ])('reports %s', (_name, change, expected) => {
    expect(codes(change(overdueSupervisorCard))).toEqual(expected);
  });

  it.each<[string, (card: Card) => Card, string[]]>([
    ['no inputs', (c) => ({ ...c, form: { ...c.form!, inputs: [] } }), ['empty form.inputs']],
    ['a repeated input name', (c) => ({ ...c, form: { ...c.form!, inputs: [c.form!.inputs[0]!, c.form!.inputs[0]!] } }), ['duplicate form.inputs[1].name']],
    ['a select without options', (c) => ({ ...c, form: { ...c.form!, inputs: [{ type: 'select', name: 's', label: { zh: '选', en: 'Pick' }, required: true, options: [] }] } }), ['empty form.inputs[0].options']],
    ['maxLength 0', (c) => ({ ...c, form: { ...c.form!, inputs: [{ type: 'text', name: 't', label: { zh: '文', en: 'Text' }, required: true, maxLength: 0 }] } }), ['invalid form.inputs[0].maxLength']],
    ['maxLength over 1000', (c) => ({ ...c, form: { ...c.form!, inputs: [{ type: 'text', name: 't', label: { zh: '文', en: 'Text' }, required: true, maxLength: 1001 }] } }), ['invalid form.inputs[0].maxLength']],
    ['an input name with a dot', (c) => ({ ...c, form: { ...c.form!, inputs: [{ type: 'text', name: 'a.b', label: { zh: '文', en: 'Text' }, required: true, maxLength: 10 }] } }), ['invalid form.inputs[0].name']],
  ])('reports a form with %s', (_name, change, expected) => {
    expect(codes(change(formCard))).toEqual(expected);
  });

  it('counts buttons, the form and links against the platform that is asked about', () => {
    expect(codes(withButtons(overdueSupervisorCard, 5))).toEqual([]);
    expect(codes(withButtons(overdueSupervisorCard, 6))).toEqual(['too_many buttons', 'too_many actions']);
    expect(codes(withButtons(overdueSupervisorCard, 6), wecomCardLimits)).toEqual([]);
    expect(codes(withButtons(overdueSupervisorCard, 7), wecomCardLimits)).toEqual(['too_many buttons']);
    const fiveAndALink = { ...withButtons(overdueSupervisorCard, 5), links: overdueSupervisorCard.links };
    expect(codes(fiveAndALink, dingtalkCardLimits)).toEqual(['too_many actions']);
    expect(codes(fiveAndALink, wecomCardLimits)).toEqual([]);
  });

  it.each([
    ['feishu', feishuCardLimits],
    ['dingtalk', dingtalkCardLimits],
    ['wecom', wecomCardLimits],
  ] as const)('the portable limits are within %s limits', (_platform, limits) => {
    for (const key of Object.keys(PORTABLE_CARD_LIMITS) as Array<keyof CardLimits>) {
      expect(PORTABLE_CARD_LIMITS[key], key).toBeLessThanOrEqual(limits[key]);
    }
  });
});
