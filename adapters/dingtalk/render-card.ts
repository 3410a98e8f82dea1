/**
 * Abstract card → DingTalk, two ways (NOTES 2.4):
 *
 * 1. `renderDingtalkActionCard` → `{msgKey, msgParam}` for the robot APIs (oToMessages/batchSend,
 *    groupMessages/send). The robot's msgKey catalogue [D "企业机器人发送消息的消息类型", as used by the SDKs]:
 *      sampleMarkdown      {title, text}                                    — no button
 *      sampleActionCard    {title, text, singleTitle, singleURL}            — 1 button
 *      sampleActionCard2…5 {title, text, actionTitleN, actionURLN (N=1..k)} — 2…5 buttons, stacked
 *      sampleActionCard6   {title, text, buttonTitle1/2, buttonUrl1/2}      — 2 buttons side by side (unused)
 *    So at most 5 buttons (DINGTALK_ACTION_CARD_MAX_BUTTONS), and every one only opens a URL: an ActionCard
 *    cannot call back. Call-back buttons and the form therefore become links to `actionUrl(card, button)`,
 *    which the caller builds (the console's action page, with the signed value in the query).
 *
 * 2. `renderDingtalkInteractiveCard` → the body of `POST /v1.0/card/instances/createAndDeliver` minus the
 *    delivery target (openSpaceId, robot models: the sender adds those). Interactive cards are templates
 *    built in DingTalk's card platform; `cardParamMap` is string → string [S Alibaba Cloud dingtalk SDK
 *    `CardData.card_param_map`, "普通文本卡片数据"; lists and objects go as JSON strings, as 3P code does]. The template this renderer assumes reads these variables (DINGTALK_CARD_TEMPLATE_VARIABLES):
 *      title, severity (info|success|warning|danger), markdown (text + fields, DingTalk markdown), note,
 *      state ('' while open), final ('true'|'false'), locale,
 *      fields  JSON [{label, value}]            — for templates that lay fields out themselves
 *      buttons JSON [{actionId, text, style, payload}] — a loop; each button's 回传请求 (callback) params are
 *              {payload: ${loop.payload}}, payload being the JSON of `actionPayload` ('[]' once final)
 *      links   JSON [{text, url}]
 *      form    JSON {name, inputs:[{type,name,label,required,maxLength?,options?}], submit:{text, payload}} or ''
 *    The callback then arrives as `cardPrivateData.params.payload` (see payloads/dingtalk/card_callback…).
 */
import { actionPayload } from '../../src/core/card-action.js';
import { liveButtons, liveForm, type Card, type CardBlock, type CardButton, type CardLimits, type RenderedCard } from '../../src/core/card.js';
import { DEFAULT_LOCALE, fitItems, parseCardText, pick, type Locale, type TextCut, type TextSpan } from '../../src/core/card-text.js';

/** sampleActionCard…sampleActionCard5 carry 1…5 buttons; there is no larger one. */
export const DINGTALK_ACTION_CARD_MAX_BUTTONS = 5;
export const DINGTALK_MARKDOWN_MSG_KEY = 'sampleMarkdown';
export const DINGTALK_SINGLE_ACTION_CARD_MSG_KEY = 'sampleActionCard';
/** msgKey for k stacked buttons, k = 2..5. */
export function dingtalkActionCardMsgKey(buttons: number): string {
  if (buttons === 0) return DINGTALK_MARKDOWN_MSG_KEY;
  if (buttons === 1) return DINGTALK_SINGLE_ACTION_CARD_MSG_KEY;
  return `sampleActionCard${Math.min(buttons, DINGTALK_ACTION_CARD_MAX_BUTTONS)}`;
}
export const DINGTALK_CARD_TEMPLATE_VARIABLES = ['title', 'severity', 'markdown', 'note', 'state', 'final', 'locale', 'fields', 'buttons', 'links', 'form'] as const;

/** Every action is a URL button in an ActionCard, so links and buttons share the five. No text limits are documented. */
export const dingtalkCardLimits: CardLimits = {
  maxButtons: DINGTALK_ACTION_CARD_MAX_BUTTONS,
  maxLinks: DINGTALK_ACTION_CARD_MAX_BUTTONS,
  maxActions: DINGTALK_ACTION_CARD_MAX_BUTTONS,
  maxFields: 50,
  maxTitleWidth: 200,
  maxButtonLabelWidth: 40,
  maxInputLength: Infinity,
  maxActionKeyBytes: 10_000,
};

export interface DingtalkActionCardOptions {
  /** The page a call-back button (or the form's submit) opens instead, carrying its signed value. */
  actionUrl: (card: Card, button: CardButton) => string;
}

export interface DingtalkRobotMessage {
  msgKey: string;
  /** JSON string, as the robot APIs take it. */
  msgParam: string;
}

/** Backslash escapes for DingTalk markdown (CommonMark escapes; DingTalk's own escaping is not documented). */
export function escapeDingtalkMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#~|]/g, (c) => `\\${c}`);
}

function spansToMarkdown(spans: TextSpan[]): string {
  return spans.map((s) => (s.bold ? `**${escapeDingtalkMarkdown(s.text)}**` : escapeDingtalkMarkdown(s.text))).join('');
}

function blockMarkdown(block: CardBlock, locale: Locale): string {
  if (block.type === 'text') return spansToMarkdown(parseCardText(pick(block.text, locale)));
  if (block.type === 'note') return `> ${escapeDingtalkMarkdown(pick(block.text, locale))}`;
  const colon = locale === 'en' ? ': ' : '：';
  return block.fields.map((f) => `- **${escapeDingtalkMarkdown(pick(f.label, locale))}**${colon}${escapeDingtalkMarkdown(pick(f.value, locale))}`).join('\n');
}

/** Text blocks, fields and (when final) the state, as DingTalk markdown paragraphs. */
function bodyMarkdown(card: Card, locale: Locale, withNotes: boolean): string {
  const blocks = card.blocks.filter((b) => withNotes || b.type !== 'note').map((b) => blockMarkdown(b, locale));
  if (card.state !== undefined) blocks.push(`**${escapeDingtalkMarkdown(pick(card.state, locale))}**`);
  return blocks.join('\n\n');
}

interface UrlButton {
  title: string;
  url: string;
}

/** The card as a robot message: markdown body under a heading, every action a URL button (at most five). */
export function renderDingtalkActionCard(card: Card, locale: Locale = DEFAULT_LOCALE, options: DingtalkActionCardOptions): RenderedCard<DingtalkRobotMessage> {
  const cuts: TextCut[] = [];
  const form = liveForm(card);
  const all: UrlButton[] = [
    ...liveButtons(card).map((b) => ({ title: pick(b.label, locale), url: options.actionUrl(card, b) })),
    ...(form ? [{ title: pick(form.submit.label, locale), url: options.actionUrl(card, form.submit) }] : []),
    ...card.links.map((l) => ({ title: pick(l.label, locale), url: l.url })),
  ];
  const buttons = fitItems(cuts, 'actions', all, DINGTALK_ACTION_CARD_MAX_BUTTONS);
  const title = pick(card.title, locale);
  const text = `#### ${escapeDingtalkMarkdown(title)}\n\n${bodyMarkdown(card, locale, true)}`;
  const param: Record<string, string> = { title, text };
  const msgKey = dingtalkActionCardMsgKey(buttons.length);
  if (buttons.length === 1) {
    param.singleTitle = buttons[0]!.title;
    param.singleURL = buttons[0]!.url;
  } else {
    buttons.forEach((b, i) => {
      param[`actionTitle${i + 1}`] = b.title;
      param[`actionURL${i + 1}`] = b.url;
    });
  }
  return { payload: { msgKey, msgParam: JSON.stringify(param) }, cuts };
}

export interface DingtalkInteractiveCardOptions {
  /** The card template built in DingTalk's card platform (reads DINGTALK_CARD_TEMPLATE_VARIABLES). */
  templateId: string;
  /** How DingTalk delivers taps: over Stream (default) or to the HTTP callback. */
  callbackType?: 'STREAM' | 'HTTP';
  /** Defaults to the card id; give each recipient's copy its own when they are created separately. */
  outTrackId?: string;
}

export interface DingtalkInteractiveCard {
  cardTemplateId: string;
  outTrackId: string;
  callbackType: 'STREAM' | 'HTTP';
  cardData: { cardParamMap: Record<string, string> };
}

function buttonParam(card: Card, button: CardButton, locale: Locale): Record<string, string> {
  return { actionId: button.actionId, text: pick(button.label, locale), style: button.style, payload: JSON.stringify(actionPayload(card.id, button)) };
}

function formParam(card: Card, locale: Locale): string {
  const form = liveForm(card);
  if (!form) return '';
  const inputs = form.inputs.map((input) => ({
    type: input.type,
    name: input.name,
    label: pick(input.label, locale),
    required: input.required,
    ...(input.placeholder ? { placeholder: pick(input.placeholder, locale) } : {}),
    ...(input.type === 'select' ? { options: input.options.map((o) => ({ value: o.value, text: pick(o.label, locale) })) } : { maxLength: input.maxLength }),
  }));
  const { actionId, text, style, payload } = buttonParam(card, form.submit, locale);
  return JSON.stringify({ name: form.name, inputs, submit: { actionId, text, style, payload } });
}

/** The card as template data for createAndDeliver (and, with the same outTrackId, for PUT /v1.0/card/instances). */
export function renderDingtalkInteractiveCard(card: Card, locale: Locale = DEFAULT_LOCALE, options: DingtalkInteractiveCardOptions): RenderedCard<DingtalkInteractiveCard> {
  const notes = card.blocks.flatMap((b) => (b.type === 'note' ? [pick(b.text, locale)] : []));
  const fields = card.blocks.flatMap((b) => (b.type === 'fields' ? b.fields : [])).map((f) => ({ label: pick(f.label, locale), value: pick(f.value, locale) }));
  const cardParamMap: Record<string, string> = {
    title: pick(card.title, locale),
    severity: card.severity,
    markdown: bodyMarkdown({ ...card, state: undefined }, locale, false),
    note: notes.join('\n'),
    state: card.state === undefined ? '' : pick(card.state, locale),
    final: String(card.state !== undefined),
    locale,
    fields: JSON.stringify(fields),
    buttons: JSON.stringify(liveButtons(card).map((b) => buttonParam(card, b, locale))),
    links: JSON.stringify(card.links.map((l) => ({ text: pick(l.label, locale), url: l.url }))),
    form: formParam(card, locale),
  };
  return {
    payload: { cardTemplateId: options.templateId, outTrackId: options.outTrackId ?? card.id, callbackType: options.callbackType ?? 'STREAM', cardData: { cardParamMap } },
    cuts: [],
  };
}
