import { describe, expect, it } from 'vitest';
import { validateCard, type Card, type CardField } from '../../src/core/card.js';
import { LEAD_OVERDUE_KIND, LOG_FOLLOWUP_ACTION, NUDGE_OWNER_ACTION, leadOverdueCard } from '../../cards/lead-overdue.card.js';
import { formatDateTime, formatDuration } from '../../cards/format.js';
import { NOW, TIMEZONE, overdueFacts } from '../fixtures/cards/sample-cards.js';

function fields(card: Card): CardField[] {
  return card.blocks.flatMap((b) => (b.type === 'fields' ? b.fields : []));
}

function field(card: Card, en: string): CardField['value'] | undefined {
  return fields(card).find((f) => f.label.en === en)?.value;
}

describe('lead.overdue card', () => {
  const owner = leadOverdueCard(overdueFacts, NOW, TIMEZONE);
  const supervisor = leadOverdueCard({ ...overdueFacts, audience: 'supervisor' }, NOW, TIMEZONE);

  it('shows the due time in the tenant time zone: 10:30 in Asia/Shanghai', () => {
    expect(field(owner, 'Due')).toEqual({ zh: '2026-02-24 10:30（周二）', en: '2026-02-24 10:30 (Tue)' });
  });

  it('shows the same instant in another tenant time zone as that zone’s wall clock', () => {
    const card = leadOverdueCard(overdueFacts, NOW, 'America/New_York');
    expect(field(card, 'Due')).toEqual({ zh: '2026-02-23 21:30（周一）', en: '2026-02-23 21:30 (Mon)' });
  });

  it('says how late in working time', () => {
    expect(field(owner, 'Late by')).toEqual({ zh: '3 小时 35 分钟', en: '3 h 35 min' });
    expect(owner.blocks[0]).toEqual({ type: 'text', text: { zh: '**首次响应** 未按时完成，已超时 3 小时 35 分钟（工作时间），线索已标红。', en: '**First response** was not done in time, 3 h 35 min late (working time); the lead is now red.' } });
  });

  it('names lead, customer, owner and step, red', () => {
    expect(owner.kind).toBe(LEAD_OVERDUE_KIND);
    expect(owner.severity).toBe('danger');
    expect(field(owner, 'Customer')).toEqual({ zh: '杭州云帆科技有限公司', en: '杭州云帆科技有限公司' });
    expect(field(owner, 'Lead')?.zh).toBe('云帆科技 · CRM 替换项目');
    expect(field(owner, 'Owner')?.zh).toBe('张三');
    expect(field(owner, 'Step')).toEqual({ zh: '首次响应', en: 'First response' });
  });

  it('gives the owner "记录跟进" and a link to the lead; the supervisor can also nudge the rep', () => {
    expect(owner.buttons.map((b) => [b.actionId, b.label.zh, b.label.en])).toEqual([[LOG_FOLLOWUP_ACTION, '记录跟进', 'Log follow-up']]);
    expect(supervisor.buttons.map((b) => [b.actionId, b.label.zh, b.label.en])).toEqual([
      [LOG_FOLLOWUP_ACTION, '记录跟进', 'Log follow-up'],
      [NUDGE_OWNER_ACTION, '提醒销售', 'Nudge rep'],
    ]);
    expect(supervisor.buttons[1]!.value).toEqual({ leadId: overdueFacts.lead.id, step: 'first_response', ownerId: 'u-zhangsan' });
    expect(owner.links).toEqual([{ label: { zh: '查看线索', en: 'View lead' }, url: overdueFacts.lead.url }]);
  });

  it('has one stable id per lead, step and audience, so a resend updates the card in place', () => {
    expect(leadOverdueCard(overdueFacts, new Date('2026-02-25T00:00:00Z'), TIMEZONE).id).toBe(owner.id);
    expect(owner.id).toBe(`lead-overdue-${overdueFacts.lead.id}-first_response-owner`);
    expect(supervisor.id).not.toBe(owner.id);
  });

  it('escapes a customer name that looks like card markup', () => {
    const card = leadOverdueCard({ ...overdueFacts, owner: { id: 'u', name: '**王**' }, audience: 'supervisor' }, NOW, TIMEZONE);
    expect(card.blocks[0]).toMatchObject({ text: { zh: expect.stringMatching(/^\\\*\\\*王\\\*\\\* 负责的线索/) } });
  });

  it.each([owner, supervisor])('is valid on every platform', (card) => {
    expect(validateCard(card)).toEqual([]);
  });
});

describe('card formats', () => {
  it.each([
    [0, '0 分钟', '0 min'],
    [45, '45 分钟', '45 min'],
    [120, '2 小时', '2 h'],
    [215, '3 小时 35 分钟', '3 h 35 min'],
    [-5, '0 分钟', '0 min'],
  ])('%d working minutes read %s / %s', (minutes, zh, en) => {
    expect(formatDuration(minutes)).toEqual({ zh, en });
  });

  it('writes midnight as 00:00, not 24:00', () => {
    expect(formatDateTime(new Date('2026-10-01T16:00:00Z'), 'Asia/Shanghai')).toEqual({ zh: '2026-10-02 00:00（周五）', en: '2026-10-02 00:00 (Fri)' });
  });
});
