/**
 * One user's console: their inbox (cards and bot messages, newest first, each card rendered from the row's
 * payload by the console card renderer, with its state), a form to post a message as them or as a customer
 * contact into a console chat, and the recent messages of their chats with what capture made of each.
 */
import { renderConsoleCard } from '../../../../adapters/console/render-card.js';
import { formatStamp } from '../../../../cards/format.js';
import type { Card } from '../../../core/card.js';
import type { Locale } from '../../../core/card-text.js';
import type { ConsoleChat, ConsoleContact, ConsoleInboxItem, ConsoleMessage } from '../../../store/console-query.repository.js';
import type { UserRole } from '../../../store/schema/index.js';
import type { ConsoleTenant } from './console-access.js';
import type { Flash } from './console-flash.js';
import { html, pathOf, trusted, type SafeHtml } from './console-html.js';
import { bi, consolePage, CSRF_FIELD } from './console-layout.js';
import type { ConsoleSession } from './console-session.js';
import { flashBox, roleBadge } from './console-views.js';

export const CONSOLE_ACTIONS_PATH = '/console/actions';
/** Names of the compose form's fields. */
export const COMPOSE_FIELD = { as: 'as', chat: 'chat', newChat: 'newChat', mention: 'mention', text: 'text' } as const;
export const AS_SELF = 'self';
export const CHAT_DIRECT = 'direct';
export const CHAT_NEW = 'new';

export interface InboxPageInput {
  tenant: ConsoleTenant;
  session: ConsoleSession;
  user: { id: string; name: string; role: UserRole };
  lang: Locale;
  items: ConsoleInboxItem[];
  messages: ConsoleMessage[];
  contacts: ConsoleContact[];
  chats: ConsoleChat[];
  flash?: Flash;
  refreshUrl?: string;
}

const statusNames: Record<string, { zh: string; en: string }> = {
  pending: { zh: '投递中', en: 'queued' },
  sending: { zh: '投递中', en: 'sending' },
  sent: { zh: '已送达', en: 'delivered' },
  failed: { zh: '投递失败', en: 'failed' },
  processed: { zh: '已处理', en: 'processed' },
  ignored: { zh: '未记录', en: 'not captured' },
};

function statusBadge(status: string): SafeHtml {
  const name = statusNames[status] ?? { zh: status, en: status };
  return html`<span class="badge badge--${status}">${name.zh} ${name.en}</span>`;
}

function isCard(value: unknown): value is Card {
  if (typeof value !== 'object' || value === null) return false;
  const card = value as Record<string, unknown>;
  const title = card.title as Record<string, unknown> | undefined;
  return (
    typeof card.id === 'string' &&
    typeof card.kind === 'string' &&
    typeof title?.zh === 'string' &&
    typeof title?.en === 'string' &&
    Array.isArray(card.blocks) &&
    Array.isArray(card.buttons) &&
    Array.isArray(card.links)
  );
}

function chatLabel(chat: { chatId: string; title: string | null }): string {
  return chat.title ?? `客户群 ${chat.chatId.replace(/^console-g-/, '')}`;
}

function cardItem(input: InboxPageInput, item: ConsoleInboxItem, when: string): SafeHtml {
  const card = item.payload.card;
  if (!isCard(card)) return html`<div class="item"><p class="item__meta">${when}</p><div class="bubble">${bi('无法显示的卡片', 'A card that cannot be shown')}</div></div>`;
  const hiddenFields = { tenant: input.tenant.id, userId: input.user.id, outboxId: item.id, [CSRF_FIELD]: input.session.csrf, lang: input.lang };
  const rendered = renderConsoleCard(card, input.lang, { actionPath: CONSOLE_ACTIONS_PATH, hiddenFields });
  const via = item.platform === 'console' ? '' : html`<span>· ${bi(`经 ${item.platform}`, `via ${item.platform}`)}</span>`;
  return html`<div class="item" data-outbox-id="${item.id}">
<p class="item__meta"><span>${bi('卡片', 'Card')}</span><span>· ${when}</span>${via}${statusBadge(item.status)}</p>
${trusted(rendered)}
</div>`;
}

function replyItem(input: InboxPageInput, item: ConsoleInboxItem, when: string, chats: Map<string, string>): SafeHtml {
  const text = typeof item.payload.text === 'string' ? item.payload.text : '';
  const chatId = item.recipient.chatId;
  const where = item.recipient.userId
    ? bi('salesbeat 机器人 → 你', 'salesbeat bot → you')
    : bi(`salesbeat 机器人 · ${chats.get(chatId ?? '') ?? chatId ?? ''}`, `salesbeat bot in this chat`);
  return html`<div class="item item--reply">
<p class="item__meta"><span>${where}</span><span>· ${when}</span>${statusBadge(item.status)}</p>
<div class="bubble bubble--bot">${text}</div>
</div>`;
}

function inboxPanel(input: InboxPageInput, chats: Map<string, string>): SafeHtml {
  const items = input.items.map((item) => {
    const when = formatStamp(item.createdAt, input.tenant.timezone);
    return item.kind === 'card' ? cardItem(input, item, when) : replyItem(input, item, when, chats);
  });
  return html`<section class="panel inbox">
<h2>${bi('收件箱', 'Inbox')}</h2>
${items.length === 0 ? html`<p class="empty">${bi('还没有消息或卡片', 'No cards or messages yet')}</p>` : items}
</section>`;
}

function composePanel(input: InboxPageInput): SafeHtml {
  const { tenant, user } = input;
  const contacts = input.contacts.map(
    (c) => html`<option value="${c.id}">${c.name}${c.title ? ` · ${c.title}` : ''}${c.customerName ? ` · ${c.customerName}` : ''}</option>`,
  );
  const chats = input.chats.map(
    (c) => html`<option value="${c.chatId}">${chatLabel(c)} ${c.customerName ? `→ ${c.customerName}` : '（未绑定 not bound）'}</option>`,
  );
  return html`<section class="panel compose">
<h2>${bi('发消息', 'Post a message')}</h2>
<form method="post" action="${pathOf(['console', tenant.id, 'users', user.id, 'messages'])}">
<input type="hidden" name="${CSRF_FIELD}" value="${input.session.csrf}">
<input type="hidden" name="lang" value="${input.lang}">
<label class="field"><span>发送人 · Post as</span>
<select name="${COMPOSE_FIELD.as}">
<option value="${AS_SELF}">${user.name}（我 me）</option>
${contacts.length > 0 ? html`<optgroup label="客户联系人 Customer contacts">${contacts}</optgroup>` : ''}
</select></label>
<label class="field"><span>聊天 · Chat</span>
<select name="${COMPOSE_FIELD.chat}">
<option value="${CHAT_DIRECT}">私聊（我与机器人；联系人与我） Direct chat</option>
${chats.length > 0 ? html`<optgroup label="群聊 Group chats">${chats}</optgroup>` : ''}
<option value="${CHAT_NEW}">＋ 新建群聊 New group chat…</option>
</select></label>
<label class="field"><span>新群聊名称（选择“新建群聊”时） · New group name</span><input type="text" name="${COMPOSE_FIELD.newChat}" maxlength="60" placeholder="例如：申通项目群"></label>
<label class="check"><input type="checkbox" name="${COMPOSE_FIELD.mention}" value="on"> @机器人 · mention the bot (群内命令 commands in a group)</label>
<label class="field"><span>消息 · Message</span><textarea name="${COMPOSE_FIELD.text}" maxlength="2000" required placeholder="/bind 上海申通 · 记录 拜访 上海申通 陈经理 演示方案 · 我们下周可以安排演示"></textarea></label>
<button class="btn btn--primary" type="submit">发送 Send</button>
</form>
<ul class="tips">
<li>在新群聊中 @机器人 发送 <code class="cmd">/bind 客户名</code> 把群绑定到客户，之后群内客户消息会记为销售动作。 In a new group, mention the bot with <code class="cmd">/bind customer</code>; customers' messages there then count as sales actions.</li>
<li><code class="cmd">/log visit 客户 摘要</code> · <code class="cmd">/help</code></li>
</ul>
</section>`;
}

function outcomeOf(m: ConsoleMessage): SafeHtml {
  if (m.status === 'processed' && m.actions > 0) return html`${statusBadge('processed')} ${bi('已记为销售动作', 'captured as a sales action')}`;
  if (m.status === 'ignored') return html`${statusBadge('ignored')} ${m.ignoreReason ?? ''}`;
  return html`${statusBadge(m.status)}${m.note ? ` ${m.note}` : ''}`;
}

function messagesPanel(input: InboxPageInput): SafeHtml {
  const rows = input.messages.map((m) => {
    const where = m.chatType === 'direct' ? '私聊 direct' : (m.chatTitle ?? m.chatId);
    return html`<li>
<div><span class="who">${m.senderName ?? '?'}</span>${m.external ? html` <span class="badge">客户 customer</span>` : ''} <span class="hint">· ${where} · ${formatStamp(m.receivedAt, input.tenant.timezone)}</span></div>
<p class="text">${m.text}</p>
<div class="outcome">${outcomeOf(m)}</div>
</li>`;
  });
  return html`<section class="panel">
<h2>${bi('我的聊天', 'My chats')}</h2>
${rows.length === 0 ? html`<p class="empty">${bi('还没有发过消息', 'No messages posted yet')}</p>` : html`<ul class="messages">${rows}</ul>`}
</section>`;
}

export function inboxPage(input: InboxPageInput): string {
  const { tenant, user, lang } = input;
  const chats = new Map(input.chats.map((c) => [c.chatId, chatLabel(c)]));
  for (const m of input.messages) if (m.chatTitle && !chats.has(m.chatId)) chats.set(m.chatId, m.chatTitle);
  const other = pathOf(['console', tenant.id, 'users', user.id], { lang: lang === 'en' ? undefined : 'en' });
  return consolePage(
    { title: `${user.name} · 收件箱 Inbox`, lang, tenant, session: input.session, otherLanguageUrl: other, ...(input.refreshUrl ? { refreshUrl: input.refreshUrl } : {}) },
    html`<div class="whoami"><h1>${user.name}</h1>${roleBadge(user.role)}</div>
${flashBox(input.flash)}
<div class="layout">
<div>${inboxPanel(input, chats)}</div>
<div>${composePanel(input)}${messagesPanel(input)}</div>
</div>`,
  );
}
