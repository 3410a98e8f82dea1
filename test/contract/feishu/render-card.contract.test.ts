/**
 * Feishu card JSON 2.0 for each card kind: a reviewed snapshot, plus the schema rules and limits the platform
 * documents (schema 2.0, update_multi, no 1.0 `action` rows, ≤30 KB, form submit, input max_length ≤1000).
 */
import { describe, expect, it } from 'vitest';
import { CardRenderError, type Card } from '../../../src/core/card.js';
import { FEISHU_CARD_MAX_BYTES, FEISHU_INPUT_MAX_LENGTH, FEISHU_PLACEHOLDER_MAX_CHARS, feishuCardBytes, renderFeishuCard, type FeishuElement } from '../../../adapters/feishu/render-card.js';
import { HOSTILE_NAME, formCard, hostileCard, overdueFinalCard, overdueOwnerCard, overdueSupervisorCard, sampleCards } from '../../fixtures/cards/sample-cards.js';

/** Every object in the card JSON, depth first. */
function nodes(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(nodes);
  if (typeof value !== 'object' || value === null) return [];
  return [value as Record<string, unknown>, ...Object.values(value).flatMap(nodes)];
}

function byTag(card: unknown, tag: string): FeishuElement[] {
  return nodes(card).filter((n) => n.tag === tag);
}

function callbacks(card: unknown): Array<Record<string, string>> {
  return byTag(card, 'button').flatMap((b) => (b.behaviors as Array<{ type: string; value?: Record<string, string> }>).filter((x) => x.type === 'callback').map((x) => x.value!));
}

describe('renderFeishuCard', () => {
  it.each(sampleCards)('%s matches the reviewed snapshot (zh-CN)', (_name, card) => {
    expect(renderFeishuCard(card)).toMatchSnapshot();
  });

  it('renders English content with both languages in i18n_content', () => {
    expect(renderFeishuCard(overdueOwnerCard, 'en')).toMatchSnapshot();
  });

  it.each(sampleCards)('%s is schema 2.0, shared (update_multi), within 30 KB, with no 1.0 action rows', (_name, card) => {
    const { payload, cuts } = renderFeishuCard(card);
    expect(payload.schema).toBe('2.0');
    expect(payload.config).toEqual({ update_multi: true });
    expect(feishuCardBytes(payload)).toBeLessThanOrEqual(FEISHU_CARD_MAX_BYTES);
    expect(byTag(payload, 'action')).toEqual([]);
    expect('elements' in payload).toBe(false); // 2.0: elements live under body
    expect(cuts).toEqual([]);
  });

  it.each([
    ['info', 'blue'],
    ['success', 'green'],
    ['warning', 'orange'],
    ['danger', 'red'],
  ] as const)('colours a %s card %s', (severity, template) => {
    expect(renderFeishuCard({ ...overdueOwnerCard, severity }).payload.header.template).toBe(template);
  });

  it('puts call-back buttons and links in one column_set, each button calling back with card, action and value', () => {
    const { payload } = renderFeishuCard(overdueSupervisorCard);
    const row = byTag(payload, 'column_set')[0]!;
    expect((row.columns as FeishuElement[]).map((c) => c.tag)).toEqual(['column', 'column', 'column']);
    expect(callbacks(payload)).toEqual([
      { action: 'lead.log_followup', card: overdueSupervisorCard.id, leadId: overdueSupervisorCard.buttons[0]!.value.leadId, step: 'first_response' },
      { action: 'lead.nudge_owner', card: overdueSupervisorCard.id, leadId: overdueSupervisorCard.buttons[0]!.value.leadId, step: 'first_response', ownerId: 'u-zhangsan' },
    ]);
    const link = byTag(payload, 'button')[2]!;
    expect(link.behaviors).toEqual([{ type: 'open_url', default_url: overdueSupervisorCard.links[0]!.url }]);
  });

  it('the final state drops every call-back button and shows the state', () => {
    const { payload } = renderFeishuCard(overdueFinalCard);
    expect(callbacks(payload)).toEqual([]);
    expect(byTag(payload, 'markdown').map((m) => m.content)).toContain('**已确认 by 王五 at 14:02**');
    expect(payload.header.template).toBe('green');
  });

  it('renders the form as a form container with named inputs and a submit button', () => {
    const { payload } = renderFeishuCard(formCard);
    const [form] = byTag(payload, 'form');
    expect(form).toMatchObject({ tag: 'form', name: 'handover' });
    const inputs = nodes(form).filter((n) => n.tag === 'input' || n.tag === 'select_static');
    expect(inputs.map((i) => [i.tag, i.name, i.required])).toEqual([
      ['input', 'summary', true],
      ['input', 'nextStep', true],
      ['select_static', 'stage', false],
    ]);
    const submit = byTag(form, 'button')[0]!;
    expect(submit.form_action_type).toBe('submit');
    expect(callbacks(form)).toEqual([{ action: 'handover.submit_checklist', card: formCard.id, handoverId: '7a1b' }]);
  });

  it('clamps an input max_length to 1000 and reports it', () => {
    const card: Card = { ...formCard, form: { ...formCard.form!, inputs: [{ type: 'text', name: 'long', label: { zh: '长', en: 'Long' }, required: false, maxLength: 5000 }] } };
    const { payload, cuts } = renderFeishuCard(card);
    expect(byTag(payload, 'input')[0]!.max_length).toBe(FEISHU_INPUT_MAX_LENGTH);
    expect(cuts).toEqual([{ path: 'form.inputs[0].maxLength', unit: 'chars', limit: 1000, length: 5000 }]);
  });

  it('cuts a placeholder to 100 characters and reports it', () => {
    const card: Card = { ...formCard, form: { ...formCard.form!, inputs: [{ type: 'text', name: 'p', label: { zh: '备注', en: 'Note' }, required: false, maxLength: 10, placeholder: { zh: '提'.repeat(120), en: 'short' } }] } };
    const { payload, cuts } = renderFeishuCard(card);
    const placeholder = byTag(payload, 'input')[0]!.placeholder as { content: string; i18n_content: Record<string, string> };
    expect(Array.from(placeholder.content)).toHaveLength(FEISHU_PLACEHOLDER_MAX_CHARS);
    expect(placeholder.i18n_content.en_us).toBe('short');
    expect(cuts).toEqual([{ path: 'form.inputs[0].placeholder.zh', unit: 'chars', limit: 100, length: 120 }]);
  });

  it('escapes a hostile customer name: no raw <, no @all, no markdown link, no extra bold', () => {
    const { payload } = renderFeishuCard(hostileCard);
    const markdown = byTag(payload, 'markdown').flatMap((m) => [m.content as string, ...Object.values((m.i18n_content ?? {}) as Record<string, string>)]);
    for (const text of markdown) {
      expect(text).not.toMatch(/<(script|at)\b/);
      expect(text).not.toContain('](javascript:');
    }
    expect(markdown.join('\n')).toContain('&lt;script&gt;alert("x")&lt;/script&gt; &#42;&#42;粗&#42;&#42; &lt;at id=all&gt;&lt;/at&gt; &#91;x&#93;(javascript:alert(1)) &amp; co');
    expect(payload.header.title.content).toBe(`跟进超时：${HOSTILE_NAME}`);
  });

  it('shrinks a card over 30 KB: the second language goes first, then long text, and says so', () => {
    const long = '很长的跟进记录。'.repeat(2500);
    const card: Card = { ...overdueOwnerCard, blocks: [{ type: 'text', text: { zh: long, en: 'A long follow-up note. '.repeat(2500) } }] };
    const { payload, cuts } = renderFeishuCard(card);
    expect(feishuCardBytes(payload)).toBeLessThanOrEqual(FEISHU_CARD_MAX_BYTES);
    expect(cuts.map((c) => c.path)).toEqual(['i18n_content', 'blocks[0].text']);
    expect(byTag(payload, 'markdown')[0]!.i18n_content).toBeUndefined();
    expect((byTag(payload, 'markdown')[0]!.content as string).endsWith('…')).toBe(true);
  });

  it('keeps both languages when dropping them alone is not needed', () => {
    const card: Card = { ...overdueOwnerCard, blocks: [{ type: 'text', text: { zh: '字'.repeat(4000), en: 'x' } }] };
    const { cuts, payload } = renderFeishuCard(card);
    expect(cuts).toEqual([]);
    expect(feishuCardBytes(payload)).toBeLessThanOrEqual(FEISHU_CARD_MAX_BYTES);
  });

  it('refuses (never sends an invalid payload) when even cut text cannot fit', () => {
    const options = Array.from({ length: 400 }, (_, i) => ({ value: `option_${i}`, label: { zh: `选项 ${i} ${'长'.repeat(30)}`, en: `Option ${i}` } }));
    const card: Card = { ...formCard, form: { ...formCard.form!, inputs: [{ type: 'select', name: 'pick', label: { zh: '选', en: 'Pick' }, required: true, options }] } };
    expect(() => renderFeishuCard(card)).toThrow(CardRenderError);
  });
});
