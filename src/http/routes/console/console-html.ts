/**
 * HTML built by a tagged template that escapes every interpolated value: `html\`<p>${name}</p>\`` is safe
 * whatever `name` holds. Only `SafeHtml` (the result of `html`, or `trusted(...)` for a fragment a renderer
 * already escaped) goes in verbatim; arrays are joined; null, undefined and false render nothing.
 */
import { escapeHtml } from '../../../../adapters/console/render-card.js';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type HtmlValue = SafeHtml | string | number | boolean | null | undefined | HtmlValue[];

function render(value: HtmlValue): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** A fragment that is already escaped (the console card renderer's output). */
export function trusted(fragment: string): SafeHtml {
  return new SafeHtml(fragment);
}

/** A path from segments, each URL-encoded, plus an optional query (values encoded). */
export function pathOf(segments: string[], query: Record<string, string | undefined> = {}): string {
  const path = `/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, value);
  const search = params.toString();
  return search === '' ? path : `${path}?${search}`;
}
