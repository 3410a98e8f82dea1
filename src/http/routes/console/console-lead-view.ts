/** A lead as the console shows it (the "查看线索 View lead" link of a card): who owns it, its SLA colour, its recent actions. */
import { formatStamp } from '../../../../cards/format.js';
import type { Locale } from '../../../core/card-text.js';
import type { ActionListItem } from '../../../store/action-query.repository.js';
import type { LeadDetail } from '../../../store/lead-detail.repository.js';
import type { ConsoleTenant } from './console-access.js';
import { html } from './console-html.js';
import { bi, consolePage } from './console-layout.js';
import type { ConsoleSession } from './console-session.js';

const kindNames: Record<string, string> = {
  message: '消息 message',
  call: '电话 call',
  meeting: '会议 meeting',
  visit: '拜访 visit',
  email: '邮件 email',
  note: '备注 note',
};

export interface LeadPageInput {
  tenant: ConsoleTenant;
  session: ConsoleSession;
  lang: Locale;
  lead: LeadDetail;
  actions: ActionListItem[];
}

export function leadPage(input: LeadPageInput): string {
  const { tenant, lead } = input;
  const when = (at: Date | null) => (at ? formatStamp(at, tenant.timezone) : '—');
  const colour =
    lead.slaColor === 'red' ? html`<span class="badge badge--failed">红 red · 跟进超时 overdue</span>` : html`<span class="badge badge--sent">绿 green · 按时 on time</span>`;
  const rows = input.actions.map(
    (a) => html`<li>
<div><span class="who">${a.actorName ?? (a.direction === 'customer' ? '客户 customer' : '—')}</span> <span class="badge">${kindNames[a.kind] ?? a.kind}</span> <span class="hint">· ${when(a.occurredAt)} · ${a.platform}</span></div>
${a.summary ? html`<p class="text">${a.summary}</p>` : ''}
</li>`,
  );
  return consolePage(
    { title: `${lead.title ?? lead.customerName ?? '线索'} · 线索 Lead`, lang: input.lang, tenant, session: input.session },
    html`<section class="panel">
<div class="whoami"><h1>${lead.title ?? lead.customerName ?? '—'}</h1>${colour}</div>
<dl class="sb-card__fields">
<div class="sb-card__field"><dt>客户 Customer</dt><dd>${lead.customerName ?? '—'}</dd></div>
<div class="sb-card__field"><dt>负责人 Owner</dt><dd>${lead.ownerName ?? '—'}</dd></div>
<div class="sb-card__field"><dt>状态 Status</dt><dd>${lead.status}</dd></div>
<div class="sb-card__field"><dt>创建 Created</dt><dd>${when(lead.createdAt)}</dd></div>
<div class="sb-card__field"><dt>最近动作 Last action</dt><dd>${when(lead.lastActionAt)}</dd></div>
</dl>
</section>
<section class="panel">
<h2>${bi('销售动作', 'Sales actions')}</h2>
${rows.length === 0 ? html`<p class="empty">${bi('还没有记录', 'Nothing recorded yet')}</p>` : html`<ul class="messages">${rows}</ul>`}
</section>`,
  );
}
