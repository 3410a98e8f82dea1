/**
 * Abstract card → Feishu card JSON 2.0 (sent as msg_type `interactive`, NOTES 1.6):
 *   { schema: "2.0", config: { update_multi: true }, header: { title, template }, body: { elements } }
 * Text → `markdown`; fields → one `markdown` of `**label**：value` lines; note → `markdown` at
 * `text_size: notation`; buttons and links → one `column_set` of `button`s (`behaviors: callback` with the
 * action payload as value, or `open_url`); the form → `form` with `input` / `select_static` and a submit
 * `button` (`form_action_type: "submit"`). No 1.0-style `action` rows: 2.0 has no such tag and refuses
 * unknown tags and properties [D "卡片 JSON 2.0 版本更新说明": 传入不支持的属性将报错].
 *
 * Both languages ride along: `content` holds the chosen locale, `i18n_content` {zh_cn, en_us} both, so each
 * reader's client shows their own language [D "配置卡片多语言": 2.0 has component-level i18n_content only].
 * User data only ever reaches markdown escaped (`escapeFeishuMarkdown`), so a customer named
 * `<at id=all></at>` cannot @everyone.
 */
import { actionPayload } from '../../src/core/card-action.js';
import { CardRenderError, liveButtons, liveForm, type Card, type CardBlock, type CardButton, type CardInput, type CardLimits, type RenderedCard, type Severity } from '../../src/core/card.js';
import { DEFAULT_LOCALE, escapeCardText, fitText, parseCardText, pick, truncateSpans, type Locale, type TextCut, type TextSpan } from '../../src/core/card-text.js';
import type { Bilingual } from '../../src/core/i18n/bilingual.js';

/** Card JSON size ceiling: "≤30 KB card" [3P quoted in NOTES 1.6; the exact current figure is unconfirmed, §4]. */
export const FEISHU_CARD_MAX_BYTES = 30 * 1024;
/** `input.max_length` range [1, 1000] [D card JSON 2.0 input component, as in larksuite/cli's card reference]. */
export const FEISHU_INPUT_MAX_LENGTH = 1000;
/** `input.placeholder`: ≤100 characters [same source]. */
export const FEISHU_PLACEHOLDER_MAX_CHARS = 100;
/** Longest text block kept when a card has to shrink to fit FEISHU_CARD_MAX_BYTES (halved until it fits). */
export const FEISHU_SHRINK_START_CHARS = 2000;
export const FEISHU_SHRINK_MIN_CHARS = 50;

/** header.template colours [D card JSON 2.0 title component: blue, wathet, turquoise, green, yellow, orange, red, carmine, violet, purple, indigo, grey, default]. */
export const FEISHU_TEMPLATE_BY_SEVERITY: Record<Severity, string> = { info: 'blue', success: 'green', warning: 'orange', danger: 'red' };
const LOCALE_KEY: Record<Locale, 'zh_cn' | 'en_us'> = { 'zh-CN': 'zh_cn', en: 'en_us' };

/** Feishu documents no button or field count limit; these are this project's own sanity caps. */
export const feishuCardLimits: CardLimits = {
  maxButtons: 20,
  maxLinks: 20,
  maxActions: 20,
  maxFields: 50,
  maxTitleWidth: 200,
  maxButtonLabelWidth: 40,
  maxInputLength: FEISHU_INPUT_MAX_LENGTH,
  maxActionKeyBytes: 10_000,
};

export interface FeishuRenderOptions {
  /** Carry both languages through `i18n_content` (default true). */
  bilingual?: boolean;
}

export type FeishuElement = Record<string, unknown>;
export interface FeishuCard {
  schema: '2.0';
  config: { update_multi: true };
  header: { title: FeishuElement; template: string };
  body: { elements: FeishuElement[] };
}

/** Markdown-significant characters as HTML entities (card JSON 2.0 markdown renders HTML entities). */
const MARKDOWN_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '*': '&#42;', _: '&#95;', '~': '&#126;', '`': '&#96;', '[': '&#91;', ']': '&#93;', '#': '&#35;' };

export function escapeFeishuMarkdown(text: string): string {
  return text.replace(/[&<>*_~`[\]#]/g, (c) => MARKDOWN_ENTITIES[c] ?? c);
}

function spansToMarkdown(spans: TextSpan[]): string {
  return spans.map((s) => (s.bold ? `**${escapeFeishuMarkdown(s.text)}**` : escapeFeishuMarkdown(s.text))).join('');
}

interface Context {
  locale: Locale;
  bilingual: boolean;
  /** Longest a text block may be, in characters (Infinity until the card has to shrink). */
  maxTextChars: number;
  cuts: TextCut[];
}

/** `content` in the chosen locale plus `i18n_content` with both, when they differ and bilingual is on. */
function localized(ctx: Context, text: Bilingual, render: (s: string) => string = (s) => s): Record<string, unknown> {
  const out: Record<string, unknown> = { content: render(pick(text, ctx.locale)) };
  if (ctx.bilingual && text.zh !== text.en) out.i18n_content = { zh_cn: render(text.zh), en_us: render(text.en) };
  return out;
}

function plainText(ctx: Context, text: Bilingual): FeishuElement {
  return { tag: 'plain_text', ...localized(ctx, text) };
}

function markdown(ctx: Context, path: string, text: Bilingual, extra: Record<string, unknown> = {}): FeishuElement {
  const render = (markup: string) => {
    const spans = parseCardText(markup);
    const kept = truncateSpans(spans, ctx.maxTextChars, 'chars');
    if (kept !== spans) ctx.cuts.push({ path, unit: 'chars', limit: ctx.maxTextChars, length: Array.from(markup).length });
    return spansToMarkdown(kept);
  };
  return { tag: 'markdown', ...localized(ctx, text, render), ...extra };
}

function fitBoth(ctx: Context, path: string, text: Bilingual, max: number): Bilingual {
  return { zh: fitText(ctx.cuts, `${path}.zh`, text.zh, max, 'chars'), en: fitText(ctx.cuts, `${path}.en`, text.en, max, 'chars') };
}

function fieldsText(block: Extract<CardBlock, { type: 'fields' }>): Bilingual {
  const line = (lang: 'zh' | 'en') => block.fields.map((f) => `**${escapeCardText(f.label[lang])}**${lang === 'zh' ? '：' : ': '}${escapeCardText(f.value[lang])}`).join('\n');
  return { zh: line('zh'), en: line('en') };
}

function blockElement(ctx: Context, block: CardBlock, i: number): FeishuElement {
  if (block.type === 'text') return markdown(ctx, `blocks[${i}].text`, block.text);
  if (block.type === 'note') return markdown(ctx, `blocks[${i}].text`, { zh: escapeCardText(block.text.zh), en: escapeCardText(block.text.en) }, { text_size: 'notation' });
  return markdown(ctx, `blocks[${i}].fields`, fieldsText(block));
}

function callbackButton(ctx: Context, card: Card, button: CardButton, extra: Record<string, unknown> = {}): FeishuElement {
  return {
    tag: 'button',
    text: plainText(ctx, button.label),
    type: button.style,
    ...extra,
    behaviors: [{ type: 'callback', value: actionPayload(card.id, button) }],
    ...(button.confirm ? { confirm: { title: plainText(ctx, button.confirm.title), text: plainText(ctx, button.confirm.text) } } : {}),
  };
}

function actionRow(ctx: Context, card: Card): FeishuElement | undefined {
  const buttons = [
    ...liveButtons(card).map((b) => callbackButton(ctx, card, b)),
    ...card.links.map((l) => ({ tag: 'button', text: plainText(ctx, l.label), type: 'default', behaviors: [{ type: 'open_url', default_url: l.url }] })),
  ];
  if (buttons.length === 0) return undefined;
  return { tag: 'column_set', flex_mode: 'flow', horizontal_spacing: '8px', columns: buttons.map((b) => ({ tag: 'column', width: 'auto', elements: [b] })) };
}

function inputElements(ctx: Context, input: CardInput, i: number): FeishuElement[] {
  const label = { zh: escapeCardText(input.label.zh) + (input.required ? '（必填）' : ''), en: escapeCardText(input.label.en) + (input.required ? ' (required)' : '') };
  const placeholder = input.placeholder ? { placeholder: plainText(ctx, fitBoth(ctx, `form.inputs[${i}].placeholder`, input.placeholder, FEISHU_PLACEHOLDER_MAX_CHARS)) } : {};
  const head = markdown(ctx, `form.inputs[${i}].label`, label);
  if (input.type === 'select') {
    const options = input.options.map((o) => ({ text: plainText(ctx, o.label), value: o.value }));
    return [head, { tag: 'select_static', name: input.name, required: input.required, width: 'fill', ...placeholder, options }];
  }
  const maxLength = Math.min(input.maxLength, FEISHU_INPUT_MAX_LENGTH);
  if (maxLength !== input.maxLength) ctx.cuts.push({ path: `form.inputs[${i}].maxLength`, unit: 'chars', limit: FEISHU_INPUT_MAX_LENGTH, length: input.maxLength });
  const multiline = input.type === 'textarea' ? { input_type: 'multiline_text', rows: 3 } : {};
  return [head, { tag: 'input', name: input.name, required: input.required, max_length: maxLength, width: 'fill', ...placeholder, ...multiline }];
}

function formElement(ctx: Context, card: Card): FeishuElement | undefined {
  const form = liveForm(card);
  if (!form) return undefined;
  const inputs = form.inputs.flatMap((input, i) => inputElements(ctx, input, i));
  const submit = callbackButton(ctx, card, form.submit, { name: `${form.name}_submit`, form_action_type: 'submit' });
  return { tag: 'form', name: form.name, elements: [...inputs, submit] };
}

function build(card: Card, ctx: Context): FeishuCard {
  const elements: FeishuElement[] = card.blocks.map((block, i) => blockElement(ctx, block, i));
  if (card.state !== undefined) elements.push({ tag: 'hr' }, markdown(ctx, 'state', { zh: `**${escapeCardText(card.state.zh)}**`, en: `**${escapeCardText(card.state.en)}**` }));
  const form = formElement(ctx, card);
  if (form) elements.push(form);
  const row = actionRow(ctx, card);
  if (row) elements.push(row);
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: plainText(ctx, card.title), template: FEISHU_TEMPLATE_BY_SEVERITY[card.severity] },
    body: { elements },
  };
}

export function feishuCardBytes(payload: FeishuCard): number {
  return Buffer.byteLength(JSON.stringify(payload), 'utf8');
}

/**
 * The card as Feishu card JSON 2.0, within FEISHU_CARD_MAX_BYTES: if too big, first the second language
 * goes, then text blocks shrink (reported in `cuts`); if even that is not enough, CardRenderError.
 */
export function renderFeishuCard(card: Card, locale: Locale = DEFAULT_LOCALE, options: FeishuRenderOptions = {}): RenderedCard<FeishuCard> {
  const bilingual = options.bilingual ?? true;
  const attempts: Array<{ bilingual: boolean; maxTextChars: number }> = [{ bilingual, maxTextChars: Infinity }];
  if (bilingual) attempts.push({ bilingual: false, maxTextChars: Infinity });
  for (let max = FEISHU_SHRINK_START_CHARS; max >= FEISHU_SHRINK_MIN_CHARS; max = Math.floor(max / 2)) attempts.push({ bilingual: false, maxTextChars: max });
  let fullBytes: number | undefined;
  for (const attempt of attempts) {
    const ctx: Context = { locale, cuts: [], ...attempt };
    const payload = build(card, ctx);
    const bytes = feishuCardBytes(payload);
    fullBytes ??= bytes;
    if (bytes <= FEISHU_CARD_MAX_BYTES) {
      const dropped = bilingual && !attempt.bilingual ? [{ path: 'i18n_content', unit: 'bytes' as const, limit: FEISHU_CARD_MAX_BYTES, length: fullBytes }] : [];
      return { payload, cuts: [...dropped, ...ctx.cuts] };
    }
  }
  throw new CardRenderError(card.id, `does not fit Feishu's ${FEISHU_CARD_MAX_BYTES}-byte card limit even with text cut to ${FEISHU_SHRINK_MIN_CHARS} characters`);
}
