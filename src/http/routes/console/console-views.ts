/** The console's small pages: the start page, login, the user picker, not found and errors. */
import type { Locale } from '../../../core/card-text.js';
import type { ConsoleUser } from '../../../store/console-query.repository.js';
import type { UserRole } from '../../../store/schema/index.js';
import type { ConsoleTenant } from './console-access.js';
import { html, pathOf, type SafeHtml } from './console-html.js';
import { bi, consolePage } from './console-layout.js';
import type { Flash } from './console-flash.js';
import type { ConsoleSession } from './console-session.js';

export const roleNames: Record<UserRole, { zh: string; en: string }> = {
  supervisor: { zh: '主管', en: 'supervisor' },
  rep: { zh: '销售', en: 'rep' },
  admin: { zh: '管理员', en: 'admin' },
};

export function roleBadge(role: UserRole): SafeHtml {
  const name = roleNames[role] ?? { zh: role, en: role };
  return html`<span class="badge badge--${role}">${name.zh} ${name.en}</span>`;
}

export function flashBox(flash: Flash | undefined): SafeHtml | string {
  if (!flash) return '';
  return html`<div class="flash flash--${flash.tone}" role="status"><p><strong>${flash.zh}</strong> <span class="en">${flash.en}</span></p>${
    flash.detail ? html`<p class="flash__detail">${flash.detail}</p>` : ''
  }</div>`;
}

export function landingPage(demo: ConsoleTenant | undefined): string {
  return consolePage(
    { title: '控制台 Console', lang: 'zh-CN' },
    html`<section class="panel">
<h1>${bi('salesbeat 控制台', 'Console')}</h1>
<p>控制台扮演聊天平台：选择一位用户，查看他收到的卡片，点按钮，或以销售、客户的身份在聊天中发消息，观察 salesbeat 如何记录销售动作。</p>
<p class="hint">The console plays the chat platform: pick a user, see the cards they receive, tap buttons, or post as a rep or a customer and watch salesbeat capture it.</p>
${demo ? html`<p><a class="btn btn--primary" href="${pathOf(['console', demo.id])}">打开演示租户 Open the demo tenant</a></p>` : ''}
<form method="get" action="/console">
<label class="field"><span>租户 ID · Tenant id</span><input type="text" name="tenant" required maxlength="64" pattern="[A-Za-z0-9][A-Za-z0-9_\\-]*"></label>
<button class="btn" type="submit">打开 Open</button>
</form>
</section>`,
  );
}

export function loginPage(tenant: ConsoleTenant, options: { tokenConfigured: boolean; failed: boolean; badLink: boolean }): string {
  const problem = options.failed
    ? flashBox({ tone: 'error', zh: '令牌无效', en: 'Invalid token' })
    : options.badLink
      ? flashBox({ tone: 'error', zh: '链接无效或已失效', en: 'This link is invalid or no longer valid' })
      : '';
  const form = options.tokenConfigured
    ? html`<form method="post" action="${pathOf(['console', tenant.id, 'login'])}">
<label class="field"><span>API 令牌 · API token (SALESBEAT_API_TOKEN)</span><input type="password" name="token" required autocomplete="current-password"></label>
<button class="btn btn--primary" type="submit">登录 Log in</button>
</form>
<p class="hint">也可使用管理员发给你的个人链接。 Or open the personal link your admin gave you.</p>`
    : html`<p>${bi('控制台未开放：服务端未设置 SALESBEAT_API_TOKEN。', 'The console is closed: SALESBEAT_API_TOKEN is not set on the server.')}</p>`;
  return consolePage(
    { title: '登录 Log in', lang: 'zh-CN', tenant },
    html`<section class="panel">
<h1>${bi('登录', 'Log in')}</h1>
<p class="hint">${tenant.name} · ${bi('此租户的控制台需要登录', 'this tenant’s console needs a login')}</p>
${problem}
${form}
</section>`,
  );
}

export function messagePage(status: number, zh: string, en: string): string {
  return consolePage(
    { title: `${status}`, lang: 'zh-CN' },
    html`<section class="panel"><h1>${status}</h1><p>${bi(zh, en)}</p><p><a href="/console">控制台首页 Console home</a></p></section>`,
  );
}

export interface UsersPageInput {
  tenant: ConsoleTenant;
  session: ConsoleSession;
  users: ConsoleUser[];
  /** Cards and messages addressed to each user: people with something waiting come first. */
  inboxCounts: Map<string, number>;
  lang: Locale;
  flash?: Flash;
  /** Per-user link keys, shown to whoever logged in with the API token. */
  linkKey?: (userId: string) => string | undefined;
}

const roleOrder: UserRole[] = ['supervisor', 'admin', 'rep'];

export function usersPage(input: UsersPageInput): string {
  const { tenant, lang } = input;
  const count = (id: string) => input.inboxCounts.get(id) ?? 0;
  const sorted = [...input.users].sort((a, b) => Number(count(b.id) > 0) - Number(count(a.id) > 0) || roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role));
  const withLinks = input.linkKey !== undefined;
  const rows = sorted.map((u) => {
    const inbox = pathOf(['console', tenant.id, 'users', u.id], { lang: lang === 'en' ? 'en' : undefined });
    const key = input.linkKey?.(u.id);
    return html`<tr>
<td class="name"><a href="${inbox}">${u.name}</a></td>
<td>${roleBadge(u.role)}</td>
<td>${count(u.id) > 0 ? html`<span class="badge badge--pending">${count(u.id)}</span>` : '—'}</td>
<td>${u.team ?? '—'}</td>
<td>${u.supervisorName ?? '—'}</td>
${withLinks ? html`<td>${key ? html`<code>${pathOf(['console', tenant.id, 'users', u.id], { key })}</code>` : '—'}</td>` : ''}
</tr>`;
  });
  return consolePage(
    { title: '选择用户 Pick a user', lang, tenant, session: input.session, otherLanguageUrl: pathOf(['console', tenant.id], { lang: lang === 'en' ? undefined : 'en' }) },
    html`${flashBox(input.flash)}
<section class="panel">
<h1>${bi('选择用户', 'Pick a user')}</h1>
<p class="hint">${bi(`${tenant.name} · 共 ${input.users.length} 人。以谁的身份进入控制台？`, `${input.users.length} people. Whose inbox do you want to see?`)}</p>
${
  input.users.length === 0
    ? html`<p class="empty">${bi('此租户还没有用户', 'This tenant has no users yet')}</p>`
    : html`<table class="users">
<thead><tr><th>姓名 Name</th><th>角色 Role</th><th>收件 Inbox</th><th>团队 Team</th><th>主管 Supervisor</th>${withLinks ? html`<th>个人链接 Personal link</th>` : ''}</tr></thead>
<tbody>${rows}</tbody>
</table>`
}
</section>`,
  );
}
