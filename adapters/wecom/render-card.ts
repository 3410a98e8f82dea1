/**
 * Abstract card → WeCom `template_card` for the app message API (NOTES 3.3, doc path/90236 "发送应用消息"):
 *   - `text_notice` when nothing can call back (no live buttons, no form: e.g. the final state): the whole
 *     card jumps to `card_action.url`;
 *   - `button_interaction` otherwise: `button_list[].key` = `encodeActionKey(button)` (comes back as
 *     `EventKey`; `TaskId` names the card). WeCom cards have no text inputs, so a form becomes one URL button
 *     (`type: 1`) to the caller's `actionUrl` (the console form).
 * Text → `sub_title_text` (no bold in WeCom: plain), fields → `horizontal_content_list`, links → `jump_list`,
 * severity → `source.desc_color` (WeCom has red, green, black and grey only).
 *
 * Limits [D path/90236 as transcribed in two SDKs' type comments — WxJava `TemplateCardBuilder`, a TS corp
 * SDK `corp_message.ts`; the robot doc path/91770 gives smaller "建议" figures for some]: "最长 N 字节" and list
 * lengths are hard (the API refuses more); "建议不超过 N 个字" are display limits — cut too, so nothing is lost
 * silently to the client's own truncation. Every cut is reported.
 */
import { createHash } from 'node:crypto';
import { encodeActionKey } from '../../src/core/card-action.js';
import { CardRenderError, liveButtons, liveForm, type Card, type CardButton, type CardLimits, type RenderedCard, type Severity } from '../../src/core/card.js';
import { DEFAULT_LOCALE, cardTextToPlain, fitItems, fitText, measure, pick, type Locale, type TextCut } from '../../src/core/card-text.js';
import type { Bilingual } from '../../src/core/i18n/bilingual.js';

/** task_id: "只能由数字、字母和'_-@'组成，最长128字节", unique per app (hard). */
export const WECOM_TASK_ID_MAX_BYTES = 128;
export const WECOM_TASK_ID_PATTERN = /^[A-Za-z0-9_\-@]+$/;
/** button_list[].key: "最长支持1024字节，不可重复" (hard). */
export const WECOM_BUTTON_KEY_MAX_BYTES = 1024;
/** button_list: "列表长度不超过6" (hard). */
export const WECOM_MAX_BUTTONS = 6;
/** horizontal_content_list: "列表长度不超过6" (hard). */
export const WECOM_MAX_HORIZONTAL_CONTENTS = 6;
/** jump_list: "列表长度不超过3" (hard). */
export const WECOM_MAX_JUMPS = 3;
/** "建议不超过 N 个字" (display), in 字 (card-text.ts `width`). */
export const WECOM_BUTTON_TEXT_MAX_WIDTH = 10;
export const WECOM_MAIN_TITLE_MAX_WIDTH = 36;
export const WECOM_MAIN_TITLE_DESC_MAX_WIDTH = 44;
export const WECOM_SUB_TITLE_TEXT_MAX_WIDTH = 160;
export const WECOM_KEYNAME_MAX_WIDTH = 5;
export const WECOM_HORIZONTAL_VALUE_MAX_WIDTH = 30;
/** App doc: 18; the robot doc says 13 — the app figure applies to the app message API used here. */
export const WECOM_JUMP_TITLE_MAX_WIDTH = 18;
export const WECOM_SOURCE_DESC_MAX_WIDTH = 20;

/** source.desc_color: 0 grey, 1 black, 2 red, 3 green [D]. */
export const WECOM_DESC_COLOR_BY_SEVERITY: Record<Severity, 0 | 1 | 2 | 3> = { info: 0, warning: 1, danger: 2, success: 3 };
/** button_list[].style "目前可填1~4，不填或错填默认1" [D]; the doc does not say which number is which colour — 1 for the primary button is certain (the default), 2 and 3 are this project's guess. */
export const WECOM_BUTTON_STYLE = { primary: 1, default: 2, danger: 3 } as const;

const SEVERITY_LABEL: Record<Severity, Bilingual> = {
  info: { zh: '通知', en: 'Notice' },
  success: { zh: '完成', en: 'Done' },
  warning: { zh: '提醒', en: 'Reminder' },
  danger: { zh: '紧急', en: 'Urgent' },
};

export const wecomCardLimits: CardLimits = {
  maxButtons: WECOM_MAX_BUTTONS,
  maxLinks: WECOM_MAX_JUMPS,
  maxActions: WECOM_MAX_BUTTONS + WECOM_MAX_JUMPS,
  maxFields: WECOM_MAX_HORIZONTAL_CONTENTS,
  maxTitleWidth: WECOM_MAIN_TITLE_MAX_WIDTH,
  maxButtonLabelWidth: WECOM_BUTTON_TEXT_MAX_WIDTH,
  maxInputLength: Infinity,
  maxActionKeyBytes: WECOM_BUTTON_KEY_MAX_BYTES,
};

export interface WecomRenderOptions {
  /** Where tapping the card body goes when the card has no link of its own (text_notice requires one). */
  cardUrl: (card: Card) => string;
  /** A page that performs or completes `button` (used for the form, which WeCom cannot show). */
  actionUrl: (card: Card, button: CardButton) => string;
  /** Makes task_id unique per send (e.g. the outbox row id): the same card to two people is two tasks. */
  deliveryId?: string;
  /** source.icon_url, when the tenant has a logo to show. */
  sourceIconUrl?: string;
}

export interface WecomButton {
  type?: 1;
  text: string;
  style: number;
  key?: string;
  url?: string;
}

export interface WecomTemplateCard {
  card_type: 'text_notice' | 'button_interaction';
  source: { desc: string; desc_color: number; icon_url?: string };
  task_id: string;
  main_title: { title: string; desc?: string };
  sub_title_text?: string;
  horizontal_content_list?: Array<{ keyname: string; value: string }>;
  jump_list?: Array<{ type: 1; title: string; url: string }>;
  card_action: { type: 1; url: string };
  button_list?: WecomButton[];
}

/**
 * `cardId` (or `cardId@deliveryId`) when that already fits the charset and 128 bytes; otherwise the allowed
 * characters of it, shortened, plus a hash of the original so distinct ids stay distinct.
 */
export function wecomTaskId(cardId: string, deliveryId?: string): string {
  const raw = deliveryId === undefined ? cardId : `${cardId}@${deliveryId}`;
  if (WECOM_TASK_ID_PATTERN.test(raw) && measure(raw, 'bytes') <= WECOM_TASK_ID_MAX_BYTES) return raw;
  const hash = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  const safe = raw.replace(/[^A-Za-z0-9_\-@]/g, '_').slice(0, WECOM_TASK_ID_MAX_BYTES - hash.length - 1);
  return `${safe}-${hash}`;
}

function callbackButtons(card: Card, cuts: TextCut[], locale: Locale): WecomButton[] {
  return liveButtons(card).map((button, i) => {
    const key = encodeActionKey(button);
    if (measure(key, 'bytes') > WECOM_BUTTON_KEY_MAX_BYTES) {
      throw new CardRenderError(card.id, `buttons[${i}]: action key is ${measure(key, 'bytes')} bytes, WeCom takes ${WECOM_BUTTON_KEY_MAX_BYTES}`);
    }
    return { text: fitText(cuts, `buttons[${i}].label`, pick(button.label, locale), WECOM_BUTTON_TEXT_MAX_WIDTH, 'width'), style: WECOM_BUTTON_STYLE[button.style], key };
  });
}

function buttonList(card: Card, cuts: TextCut[], locale: Locale, options: WecomRenderOptions): WecomButton[] {
  const buttons = callbackButtons(card, cuts, locale);
  const keys = buttons.map((b) => b.key);
  if (new Set(keys).size !== keys.length) throw new CardRenderError(card.id, 'two buttons carry the same action key (WeCom: "不可重复")');
  const form = liveForm(card);
  if (form) {
    const text = fitText(cuts, 'form.submit.label', pick(form.submit.label, locale), WECOM_BUTTON_TEXT_MAX_WIDTH, 'width');
    buttons.push({ type: 1, text, style: WECOM_BUTTON_STYLE[form.submit.style], url: options.actionUrl(card, form.submit) });
  }
  return fitItems(cuts, 'buttons', buttons, WECOM_MAX_BUTTONS);
}

function subTitle(card: Card, cuts: TextCut[], locale: Locale): string | undefined {
  const parts = card.blocks.flatMap((b) => (b.type === 'text' ? [cardTextToPlain(pick(b.text, locale))] : b.type === 'note' ? [pick(b.text, locale)] : []));
  if (parts.length === 0) return undefined;
  return fitText(cuts, 'blocks.text', parts.join('\n'), WECOM_SUB_TITLE_TEXT_MAX_WIDTH, 'width');
}

function horizontalContents(card: Card, cuts: TextCut[], locale: Locale): WecomTemplateCard['horizontal_content_list'] {
  const fields = card.blocks.flatMap((b) => (b.type === 'fields' ? b.fields : []));
  if (fields.length === 0) return undefined;
  return fitItems(cuts, 'fields', fields, WECOM_MAX_HORIZONTAL_CONTENTS).map((f, i) => ({
    keyname: fitText(cuts, `fields[${i}].label`, pick(f.label, locale), WECOM_KEYNAME_MAX_WIDTH, 'width'),
    value: fitText(cuts, `fields[${i}].value`, pick(f.value, locale), WECOM_HORIZONTAL_VALUE_MAX_WIDTH, 'width'),
  }));
}

function jumps(card: Card, cuts: TextCut[], locale: Locale): WecomTemplateCard['jump_list'] {
  if (card.links.length === 0) return undefined;
  return fitItems(cuts, 'links', card.links, WECOM_MAX_JUMPS).map((l, i) => ({
    type: 1 as const,
    title: fitText(cuts, `links[${i}].label`, pick(l.label, locale), WECOM_JUMP_TITLE_MAX_WIDTH, 'width'),
    url: l.url,
  }));
}

/** The card as a WeCom `template_card` (the `template_card` member of the message/send body). */
export function renderWecomCard(card: Card, locale: Locale = DEFAULT_LOCALE, options: WecomRenderOptions): RenderedCard<WecomTemplateCard> {
  const cuts: TextCut[] = [];
  const buttons = buttonList(card, cuts, locale, options);
  const source = { desc: fitText(cuts, 'source', `salesbeat · ${pick(SEVERITY_LABEL[card.severity], locale)}`, WECOM_SOURCE_DESC_MAX_WIDTH, 'width'), desc_color: WECOM_DESC_COLOR_BY_SEVERITY[card.severity] };
  const title = fitText(cuts, 'title', pick(card.title, locale), WECOM_MAIN_TITLE_MAX_WIDTH, 'width');
  const desc = card.state === undefined ? undefined : fitText(cuts, 'state', pick(card.state, locale), WECOM_MAIN_TITLE_DESC_MAX_WIDTH, 'width');
  const subTitleText = subTitle(card, cuts, locale);
  const contents = horizontalContents(card, cuts, locale);
  const jumpList = jumps(card, cuts, locale);
  const payload: WecomTemplateCard = {
    card_type: buttons.length > 0 ? 'button_interaction' : 'text_notice',
    source: options.sourceIconUrl ? { icon_url: options.sourceIconUrl, ...source } : source,
    task_id: wecomTaskId(card.id, options.deliveryId),
    main_title: desc === undefined ? { title } : { title, desc },
    ...(subTitleText !== undefined ? { sub_title_text: subTitleText } : {}),
    ...(contents ? { horizontal_content_list: contents } : {}),
    ...(jumpList ? { jump_list: jumpList } : {}),
    card_action: { type: 1, url: card.links[0]?.url ?? options.cardUrl(card) },
    ...(buttons.length > 0 ? { button_list: buttons } : {}),
  };
  return { payload, cuts };
}
