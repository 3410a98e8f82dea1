/**
 * Text inside cards: the locale pick, the one markup cards use (**bold**, nothing else), and measuring and
 * cutting text to a platform's limit. Pure; no platform knowledge here — each renderer names its own limits.
 */
import type { Bilingual } from './i18n/bilingual.js';

export const locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof locales)[number];
/** salesbeat speaks zh-CN first. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export function pick(text: Bilingual, locale: Locale = DEFAULT_LOCALE): string {
  return locale === 'en' ? text.en : text.zh;
}

/** The same text in both languages (names, numbers, dates already formatted). */
export function same(text: string): Bilingual {
  return { zh: text, en: text };
}

// ---------------------------------------------------------------- markup

/** A run of card text, bold or not. Renderers turn spans into each platform's own markup, escaping the text. */
export interface TextSpan {
  text: string;
  bold: boolean;
}

/** Makes any string literal card text: `*` and `\` lose their markup meaning. */
export function escapeCardText(text: string): string {
  return text.replace(/[\\*]/g, (c) => `\\${c}`);
}

/**
 * Card text with interpolated values escaped: md`客户 **${name}** 未跟进` stays one bold run whatever `name`
 * holds (a customer called `**x**` prints as typed).
 */
export function md(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((out, part, i) => out + part + (i < values.length ? escapeCardText(String(values[i])) : ''), '');
}

type Token = { literal: string } | { marker: true };

function tokenize(markup: string): Token[] {
  const tokens: Token[] = [];
  let literal = '';
  for (let i = 0; i < markup.length; i += 1) {
    const c = markup[i]!;
    const next = markup[i + 1];
    if (c === '\\' && (next === '\\' || next === '*')) {
      literal += next;
      i += 1;
    } else if (c === '*' && next === '*') {
      if (literal) tokens.push({ literal });
      literal = '';
      tokens.push({ marker: true });
      i += 1;
    } else {
      literal += c;
    }
  }
  if (literal) tokens.push({ literal });
  return tokens;
}

/**
 * Card text markup → spans. `**…**` is bold; `\*` and `\\` are a literal `*` and `\`; an unpaired `**`
 * (e.g. left by a cut) is literal text. Nothing else is markup.
 */
export function parseCardText(markup: string): TextSpan[] {
  const tokens = tokenize(markup);
  const markers = tokens.filter((t) => 'marker' in t).length;
  const pairedMarkers = markers - (markers % 2);
  const spans: TextSpan[] = [];
  let seen = 0;
  let bold = false;
  const push = (text: string) => {
    const last = spans[spans.length - 1];
    if (last && last.bold === bold) last.text += text;
    else spans.push({ text, bold });
  };
  for (const token of tokens) {
    if ('literal' in token) push(token.literal);
    else if (seen < pairedMarkers) {
      seen += 1;
      bold = !bold;
    } else push('**');
  }
  return spans.filter((s) => s.text !== '');
}

export function spansToPlain(spans: TextSpan[]): string {
  return spans.map((s) => s.text).join('');
}

/** The text a platform without bold shows. */
export function cardTextToPlain(markup: string): string {
  return spansToPlain(parseCardText(markup));
}

// ---------------------------------------------------------------- measuring and cutting

export const ELLIPSIS = '…';

/**
 * How a limit counts: `chars` = Unicode code points; `bytes` = UTF-8 bytes; `width` = 字 as Chinese
 * platform docs count them ("建议不超过 10 个字"): a CJK or full-width character is 1, anything else ½.
 * (That Latin letters count half is this project's reading of 字, not a documented rule.)
 */
export type LengthUnit = 'chars' | 'bytes' | 'width';

const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{1F300}-\u{1FAFF}\u{20000}-\u{3FFFD}]/u;
const utf8 = new TextEncoder();

function unitSize(codePoint: string, unit: LengthUnit): number {
  if (unit === 'chars') return 1;
  if (unit === 'bytes') return utf8.encode(codePoint).length;
  return WIDE.test(codePoint) ? 1 : 0.5;
}

export function measure(text: string, unit: LengthUnit): number {
  if (unit === 'bytes') return utf8.encode(text).length;
  let total = 0;
  for (const cp of text) total += unitSize(cp, unit);
  return total;
}

/** `text` cut so that it, with a trailing '…', measures at most `max`; unchanged when it already fits. */
export function truncateText(text: string, max: number, unit: LengthUnit): string {
  if (measure(text, unit) <= max) return text;
  const budget = max - measure(ELLIPSIS, unit);
  if (budget < 0) return '';
  let kept = '';
  let size = 0;
  for (const cp of text) {
    const next = unitSize(cp, unit);
    if (size + next > budget) break;
    kept += cp;
    size += next;
  }
  return kept.trimEnd() + ELLIPSIS;
}

/** Spans cut like `truncateText` on their joined text, keeping each kept run's boldness. */
export function truncateSpans(spans: TextSpan[], max: number, unit: LengthUnit): TextSpan[] {
  const plain = spansToPlain(spans);
  if (measure(plain, unit) <= max) return spans;
  const target = truncateText(plain, max, unit);
  let remaining = Array.from(target.slice(0, -ELLIPSIS.length)).length;
  const out: TextSpan[] = [];
  for (const span of spans) {
    if (remaining <= 0) break;
    const cps = Array.from(span.text);
    const taken = cps.slice(0, remaining).join('');
    remaining -= cps.length;
    if (taken) out.push({ text: taken, bold: span.bold });
  }
  const last = out[out.length - 1];
  if (last) last.text = last.text.trimEnd();
  out.push({ text: ELLIPSIS, bold: false });
  return out.filter((s) => s.text !== '');
}

/** Something a renderer shortened or left out to stay inside a platform limit. */
export interface TextCut {
  /** Where in the card, e.g. `title`, `blocks[1].fields[0].label`, `buttons`. */
  path: string;
  unit: LengthUnit | 'items';
  limit: number;
  /** The size before the cut, in `unit`. */
  length: number;
}

/** Fits `text` to `max` and records a cut when it had to shorten it. */
export function fitText(cuts: TextCut[], path: string, text: string, max: number, unit: LengthUnit): string {
  const length = measure(text, unit);
  if (length <= max) return text;
  cuts.push({ path, unit, limit: max, length });
  return truncateText(text, max, unit);
}

/** Keeps the first `max` items and records a cut when there were more. */
export function fitItems<T>(cuts: TextCut[], path: string, items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  cuts.push({ path, unit: 'items', limit: max, length: items.length });
  return items.slice(0, max);
}
