/**
 * Abstract card → an HTML fragment for the console inbox (the page around it is the console's own).
 * Every button is a `<form method="post" action="/console/actions">` carrying the card id, the action id and
 * the button's value (JSON) as hidden inputs; the card's form posts the same plus its inputs, named
 * `form.<name>`. No script, no inline handlers: a button's confirm text is left in `data-confirm` for the page.
 *
 * Everything from the card is HTML-escaped, attributes included, and links must be http(s): a customer
 * called `<script>…` is text, and a `javascript:` link is dropped (reported in the result of
 * `renderConsoleCardWithCuts`).
 */
import { liveButtons, liveForm, type Card, type CardBlock, type CardButton, type CardInput } from '../../src/core/card.js';
import { DEFAULT_LOCALE, parseCardText, pick, type Locale, type TextCut } from '../../src/core/card-text.js';

export const CONSOLE_ACTION_PATH = '/console/actions';
/** Names of the hidden inputs every action form posts. */
export const CONSOLE_FIELD = { cardId: 'cardId', actionId: 'actionId', value: 'value', formPrefix: 'form.' } as const;

export interface ConsoleRenderOptions {
  /** Where action forms post (default CONSOLE_ACTION_PATH). */
  actionPath?: string;
  /** Extra hidden inputs on every action form (e.g. a CSRF token, the viewing user). */
  hiddenFields?: Record<string, string>;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Escaped text with line breaks kept. */
function textHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

function isSafeUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

function markupHtml(markup: string): string {
  return parseCardText(markup)
    .map((s) => (s.bold ? `<strong>${textHtml(s.text)}</strong>` : textHtml(s.text)))
    .join('');
}

function blockHtml(block: CardBlock, locale: Locale): string {
  if (block.type === 'text') return `<p class="sb-card__text">${markupHtml(pick(block.text, locale))}</p>`;
  if (block.type === 'note') return `<p class="sb-card__note"><small>${textHtml(pick(block.text, locale))}</small></p>`;
  const rows = block.fields.map((f) => `<div class="sb-card__field"><dt>${textHtml(pick(f.label, locale))}</dt><dd>${textHtml(pick(f.value, locale))}</dd></div>`);
  return `<dl class="sb-card__fields">${rows.join('')}</dl>`;
}

function hidden(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}

function actionHidden(card: Card, button: CardButton, options: ConsoleRenderOptions): string {
  const extra = Object.entries(options.hiddenFields ?? {}).map(([k, v]) => hidden(k, v));
  return [hidden(CONSOLE_FIELD.cardId, card.id), hidden(CONSOLE_FIELD.actionId, button.actionId), hidden(CONSOLE_FIELD.value, JSON.stringify(button.value)), ...extra].join('');
}

function submitButton(button: CardButton, locale: Locale): string {
  const confirm = button.confirm ? ` data-confirm="${escapeHtml(`${pick(button.confirm.title, locale)}\n${pick(button.confirm.text, locale)}`)}"` : '';
  return `<button type="submit" class="sb-button sb-button--${escapeHtml(button.style)}"${confirm}>${escapeHtml(pick(button.label, locale))}</button>`;
}

function formOpen(options: ConsoleRenderOptions, className: string): string {
  return `<form method="post" action="${escapeHtml(options.actionPath ?? CONSOLE_ACTION_PATH)}" class="${className}">`;
}

function inputHtml(input: CardInput, locale: Locale): string {
  const name = escapeHtml(`${CONSOLE_FIELD.formPrefix}${input.name}`);
  const required = input.required ? ' required' : '';
  const placeholder = input.placeholder ? ` placeholder="${escapeHtml(pick(input.placeholder, locale))}"` : '';
  const label = `<span class="sb-input__label">${escapeHtml(pick(input.label, locale))}${input.required ? ' *' : ''}</span>`;
  let control: string;
  if (input.type === 'select') {
    const options = input.options.map((o) => `<option value="${escapeHtml(o.value)}">${escapeHtml(pick(o.label, locale))}</option>`).join('');
    control = `<select name="${name}"${required}>${options}</select>`;
  } else if (input.type === 'textarea') {
    control = `<textarea name="${name}" maxlength="${input.maxLength}" rows="3"${required}${placeholder}></textarea>`;
  } else {
    control = `<input type="text" name="${name}" maxlength="${input.maxLength}"${required}${placeholder}>`;
  }
  return `<label class="sb-input">${label}${control}</label>`;
}

function formHtml(card: Card, locale: Locale, options: ConsoleRenderOptions): string | undefined {
  const form = liveForm(card);
  if (!form) return undefined;
  const inputs = form.inputs.map((i) => inputHtml(i, locale)).join('\n');
  return `${formOpen(options, 'sb-card__form')}${actionHidden(card, form.submit, options)}\n${inputs}\n${submitButton(form.submit, locale)}</form>`;
}

function actionsHtml(card: Card, locale: Locale, options: ConsoleRenderOptions, cuts: TextCut[]): string | undefined {
  const buttons = liveButtons(card).map((b) => `${formOpen(options, 'sb-card__action')}${actionHidden(card, b, options)}${submitButton(b, locale)}</form>`);
  const links = card.links.flatMap((l, i) => {
    if (isSafeUrl(l.url)) return [`<a class="sb-button sb-button--link" href="${escapeHtml(l.url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(pick(l.label, locale))}</a>`];
    cuts.push({ path: `links[${i}].url`, unit: 'items', limit: 0, length: 1 });
    return [];
  });
  const all = [...buttons, ...links];
  return all.length === 0 ? undefined : `<div class="sb-card__actions">\n${all.join('\n')}\n</div>`;
}

/** The card as HTML plus what was left out (unsafe links). */
export function renderConsoleCardWithCuts(card: Card, locale: Locale = DEFAULT_LOCALE, options: ConsoleRenderOptions = {}): { html: string; cuts: TextCut[] } {
  const cuts: TextCut[] = [];
  const parts = [
    `<article class="sb-card sb-card--${escapeHtml(card.severity)}" data-card-id="${escapeHtml(card.id)}" data-card-kind="${escapeHtml(card.kind)}" lang="${escapeHtml(locale)}">`,
    `<header class="sb-card__header"><h3 class="sb-card__title">${escapeHtml(pick(card.title, locale))}</h3></header>`,
    `<div class="sb-card__body">\n${card.blocks.map((b) => blockHtml(b, locale)).join('\n')}\n</div>`,
    card.state === undefined ? undefined : `<p class="sb-card__state"><strong>${textHtml(pick(card.state, locale))}</strong></p>`,
    formHtml(card, locale, options),
    actionsHtml(card, locale, options, cuts),
    '</article>',
  ];
  return { html: parts.filter((p) => p !== undefined).join('\n'), cuts };
}

/** The card as an HTML fragment: pure, `(card, locale, options) → string`. */
export function renderConsoleCard(card: Card, locale: Locale = DEFAULT_LOCALE, options: ConsoleRenderOptions = {}): string {
  return renderConsoleCardWithCuts(card, locale, options).html;
}
