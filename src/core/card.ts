/**
 * The abstract card: one platform-free model that every card under `cards/` is built from and every
 * adapter's `render-card.ts` turns into its platform's payload (Feishu card JSON 2.0, DingTalk ActionCard /
 * interactive card, WeCom template_card, the console's HTML). Text is bilingual; a renderer picks the
 * locale (zh-CN first). `validateCard` says what a card breaks before any renderer has to cut it.
 */
import { ACTION_ID_PATTERN, RESERVED_VALUE_KEYS, encodeActionKey } from './card-action.js';
import { measure, type TextCut } from './card-text.js';
import type { Bilingual } from './i18n/bilingual.js';

export type { Bilingual };

export const severities = ['info', 'success', 'warning', 'danger'] as const;
/** The card's colour: blue, green, orange, red. */
export type Severity = (typeof severities)[number];

export const buttonStyles = ['primary', 'default', 'danger'] as const;
export type ButtonStyle = (typeof buttonStyles)[number];

export interface CardConfirm {
  title: Bilingual;
  text: Bilingual;
}

/** A button that calls back. `value` is opaque to renderers (a later step signs it). */
export interface CardButton {
  actionId: string;
  label: Bilingual;
  style: ButtonStyle;
  value: Record<string, string>;
  confirm?: CardConfirm;
}

/** A button that only opens a page. */
export interface CardLink {
  label: Bilingual;
  url: string;
}

/** A short label/value pair. Plain text: no markup. */
export interface CardField {
  label: Bilingual;
  value: Bilingual;
}

export type CardBlock =
  /** Card text markup: `**bold**` only (see card-text.ts `md`, `parseCardText`). */
  | { type: 'text'; text: Bilingual }
  | { type: 'fields'; fields: CardField[] }
  /** A footnote, plain text, shown small. */
  | { type: 'note'; text: Bilingual };

export interface CardSelectOption {
  value: string;
  label: Bilingual;
}

interface CardInputBase {
  name: string;
  label: Bilingual;
  required: boolean;
  placeholder?: Bilingual;
}

export interface CardTextInput extends CardInputBase {
  type: 'text' | 'textarea';
  maxLength: number;
}

export interface CardSelectInput extends CardInputBase {
  type: 'select';
  options: CardSelectOption[];
}

export type CardInput = CardTextInput | CardSelectInput;

/** Inputs sent together by one submit button (its action id and value travel with the inputs). */
export interface CardForm {
  name: string;
  inputs: CardInput[];
  submit: CardButton;
}

export interface Card {
  /** Stable: the same card rendered again (e.g. with a `state`) updates the one already sent. */
  id: string;
  /** What the card is about, dotted: `lead.overdue`. */
  kind: string;
  title: Bilingual;
  severity: Severity;
  blocks: CardBlock[];
  buttons: CardButton[];
  links: CardLink[];
  form?: CardForm;
  /** The final form ("已确认 by 王五 at 14:02"): when set, renderers show it and drop buttons and form. */
  state?: Bilingual;
}

/** What one platform renders at most. Each adapter exports its own; `PORTABLE_CARD_LIMITS` fits all. */
export interface CardLimits {
  /** Call-back buttons plus the form's entry (one button where a platform cannot show inputs). */
  maxButtons: number;
  maxLinks: number;
  /** Buttons, form entry and links together, where a platform shows them all as one kind of button. */
  maxActions: number;
  maxFields: number;
  /** In 字 (see card-text.ts `LengthUnit`). */
  maxTitleWidth: number;
  maxButtonLabelWidth: number;
  maxInputLength: number;
  /** `encodeActionKey` of each button, in UTF-8 bytes. */
  maxActionKeyBytes: number;
}

/**
 * The strictest of the platforms (see `feishuCardLimits`, `dingtalkCardLimits`, `wecomCardLimits`): a card
 * within these renders everywhere without a cut.
 */
export const PORTABLE_CARD_LIMITS: CardLimits = {
  maxButtons: 5,
  maxLinks: 3,
  maxActions: 5,
  maxFields: 6,
  maxTitleWidth: 36,
  maxButtonLabelWidth: 10,
  maxInputLength: 1000,
  maxActionKeyBytes: 1024,
};

/** A payload a renderer produced, with whatever it had to cut to stay inside the platform's limits. */
export interface RenderedCard<T> {
  payload: T;
  cuts: TextCut[];
}

/** A card no amount of cutting makes valid for a platform (a renderer never returns an invalid payload). */
export class CardRenderError extends Error {
  constructor(
    readonly cardId: string,
    message: string,
  ) {
    super(`card ${cardId}: ${message}`);
    this.name = 'CardRenderError';
  }
}

/** Buttons still live: none once the card has its final state. */
export function liveButtons(card: Card): CardButton[] {
  return card.state === undefined ? card.buttons : [];
}

export function liveForm(card: Card): CardForm | undefined {
  return card.state === undefined ? card.form : undefined;
}

export const CARD_ID_MAX_LENGTH = 100;
/** Card ids fit every platform's handle as they are (WeCom task_id's charset is the narrowest). */
export const CARD_ID_PATTERN = /^[A-Za-z0-9_\-@]+$/;
export const CARD_KIND_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;
export const INPUT_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

export type CardProblemCode = 'empty' | 'invalid' | 'too_long' | 'too_many' | 'duplicate' | 'reserved_key' | 'unsafe_url';

export interface CardProblem {
  code: CardProblemCode;
  path: string;
  message: string;
}

function isHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

class Problems {
  readonly list: CardProblem[] = [];
  add(code: CardProblemCode, path: string, message: string): void {
    this.list.push({ code, path, message });
  }
  text(path: string, text: Bilingual, maxWidth = Infinity): void {
    for (const lang of ['zh', 'en'] as const) {
      const value = text[lang];
      if (value.trim() === '') this.add('empty', `${path}.${lang}`, 'text is empty');
      else if (measure(value, 'width') > maxWidth) this.add('too_long', `${path}.${lang}`, `longer than ${maxWidth} 字`);
    }
  }
  button(path: string, button: CardButton, limits: CardLimits): void {
    if (!ACTION_ID_PATTERN.test(button.actionId)) this.add(button.actionId ? 'invalid' : 'empty', `${path}.actionId`, 'action id must be dotted lower-case words');
    this.text(`${path}.label`, button.label, limits.maxButtonLabelWidth);
    for (const key of Object.keys(button.value)) {
      if (RESERVED_VALUE_KEYS.includes(key)) this.add('reserved_key', `${path}.value.${key}`, `"${key}" is reserved for the action payload`);
    }
    if (measure(encodeActionKey(button), 'bytes') > limits.maxActionKeyBytes) this.add('too_long', `${path}.value`, `action key over ${limits.maxActionKeyBytes} bytes`);
    if (button.confirm) {
      this.text(`${path}.confirm.title`, button.confirm.title);
      this.text(`${path}.confirm.text`, button.confirm.text);
    }
  }
  count(path: string, count: number, max: number, what: string): void {
    if (count > max) this.add('too_many', path, `${count} ${what}, at most ${max}`);
  }
}

function checkBlocks(p: Problems, card: Card, limits: CardLimits): void {
  card.blocks.forEach((block, i) => {
    const path = `blocks[${i}]`;
    if (block.type !== 'fields') return p.text(`${path}.text`, block.text);
    if (block.fields.length === 0) p.add('empty', `${path}.fields`, 'a fields block needs at least one field');
    block.fields.forEach((field, j) => {
      p.text(`${path}.fields[${j}].label`, field.label);
      p.text(`${path}.fields[${j}].value`, field.value);
    });
  });
  const fields = card.blocks.reduce((n, b) => n + (b.type === 'fields' ? b.fields.length : 0), 0);
  p.count('blocks', fields, limits.maxFields, 'fields');
}

function checkForm(p: Problems, form: CardForm, limits: CardLimits): void {
  if (!INPUT_NAME_PATTERN.test(form.name)) p.add('invalid', 'form.name', 'form name must be a letter then letters, digits or _');
  if (form.inputs.length === 0) p.add('empty', 'form.inputs', 'a form needs at least one input');
  const names = new Set<string>();
  form.inputs.forEach((input, i) => {
    const path = `form.inputs[${i}]`;
    if (!INPUT_NAME_PATTERN.test(input.name)) p.add('invalid', `${path}.name`, 'input name must be a letter then letters, digits or _');
    if (names.has(input.name)) p.add('duplicate', `${path}.name`, `input name "${input.name}" is used twice`);
    names.add(input.name);
    p.text(`${path}.label`, input.label);
    if (input.type === 'select') {
      if (input.options.length === 0) p.add('empty', `${path}.options`, 'a select needs at least one option');
      const values = new Set(input.options.map((o) => o.value));
      if (values.size !== input.options.length) p.add('duplicate', `${path}.options`, 'option values repeat');
      input.options.forEach((o, j) => p.text(`${path}.options[${j}].label`, o.label));
    } else if (!Number.isInteger(input.maxLength) || input.maxLength < 1 || input.maxLength > limits.maxInputLength) {
      p.add('invalid', `${path}.maxLength`, `maxLength must be 1..${limits.maxInputLength}`);
    }
  });
  p.button('form.submit', form.submit, limits);
}

/** Everything in `card` that is empty, malformed or over `limits` (default: what every platform renders). */
export function validateCard(card: Card, limits: CardLimits = PORTABLE_CARD_LIMITS): CardProblem[] {
  const p = new Problems();
  if (card.id === '') p.add('empty', 'id', 'card id is empty');
  else if (!CARD_ID_PATTERN.test(card.id) || card.id.length > CARD_ID_MAX_LENGTH) p.add('invalid', 'id', `card id must be 1..${CARD_ID_MAX_LENGTH} of [A-Za-z0-9_-@]`);
  if (!CARD_KIND_PATTERN.test(card.kind)) p.add(card.kind ? 'invalid' : 'empty', 'kind', 'kind must be dotted lower-case words');
  if (!(severities as readonly string[]).includes(card.severity)) p.add('invalid', 'severity', `severity must be one of ${severities.join(', ')}`);
  p.text('title', card.title, limits.maxTitleWidth);
  checkBlocks(p, card, limits);
  card.buttons.forEach((button, i) => p.button(`buttons[${i}]`, button, limits));
  card.links.forEach((link, i) => {
    p.text(`links[${i}].label`, link.label, limits.maxButtonLabelWidth);
    if (!isHttpUrl(link.url)) p.add('unsafe_url', `links[${i}].url`, 'links must be absolute http(s) URLs');
  });
  if (card.form) checkForm(p, card.form, limits);
  if (card.state !== undefined) p.text('state', card.state);
  const keys = [...card.buttons, ...(card.form ? [card.form.submit] : [])].map(encodeActionKey);
  if (new Set(keys).size !== keys.length) p.add('duplicate', 'buttons', 'two buttons carry the same action and value');
  const buttons = card.buttons.length + (card.form ? 1 : 0);
  p.count('buttons', buttons, limits.maxButtons, 'buttons (the form counts as one)');
  p.count('links', card.links.length, limits.maxLinks, 'links');
  p.count('actions', buttons + card.links.length, limits.maxActions, 'buttons and links');
  return p.list;
}
