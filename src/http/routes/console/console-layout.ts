/** The page around every console view: head, top bar (tenant, user list, language, logout), stylesheet. */
import type { Locale } from '../../../core/card-text.js';
import type { ConsoleTenant } from './console-access.js';
import { html, pathOf, type SafeHtml } from './console-html.js';
import type { ConsoleSession } from './console-session.js';

export const CONSOLE_CSS_PATH = '/console/assets/console.css';
export const CSRF_FIELD = 'csrf';

/** Chinese first, English after it in grey. */
export function bi(zh: string, en: string): SafeHtml {
  return html`${zh} <span class="en">${en}</span>`;
}

export interface PageOptions {
  title: string;
  lang: Locale;
  tenant?: ConsoleTenant;
  session?: ConsoleSession;
  /** The same page in the other language. */
  otherLanguageUrl?: string;
  /** Load this URL after a second (what was posted is still being processed). */
  refreshUrl?: string;
}

function topBar(options: PageOptions): SafeHtml {
  const { tenant, session } = options;
  const logout =
    tenant && session && !tenant.open
      ? html`<form method="post" action="${pathOf(['console', tenant.id, 'logout'])}"><input type="hidden" name="${CSRF_FIELD}" value="${session.csrf}"><button type="submit">退出 Log out</button></form>`
      : '';
  const language = options.otherLanguageUrl
    ? html`<a href="${options.otherLanguageUrl}">${options.lang === 'en' ? '中文' : 'English'}</a>`
    : '';
  return html`<header class="topbar">
<a class="brand" href="/console">salesbeat 控制台 <span class="en">Console</span></a>
${tenant ? html`<span class="tenant">${tenant.name}</span>` : ''}
<span class="spacer"></span>
${tenant && session && session.userId === null ? html`<a href="${pathOf(['console', tenant.id])}">切换用户 Switch user</a>` : ''}
${language}
${logout}
</header>`;
}

export function consolePage(options: PageOptions, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${options.lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
${options.refreshUrl ? html`<meta http-equiv="refresh" content="${`1; url=${options.refreshUrl}`}">` : ''}
<title>${options.title} · salesbeat</title>
<link rel="stylesheet" href="${CONSOLE_CSS_PATH}">
</head>
<body>
${topBar(options)}
<main class="page">
${body}
</main>
</body>
</html>
`.value;
}
