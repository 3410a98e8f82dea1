import { describe, expect, it } from 'vitest';
import { validateCard } from '../../src/core/card.js';
import { LEAD_ESCALATED_KIND, leadEscalatedCard } from '../../cards/lead-escalated.card.js';
import { NUDGE_OWNER_ACTION } from '../../cards/lead-overdue.card.js';
import { NOW, TIMEZONE, escalatedFacts } from '../fixtures/cards/sample-cards.js';

describe('lead.escalated card', () => {
  const card = leadEscalatedCard(escalatedFacts, NOW, TIMEZONE);
  const fields = card.blocks.flatMap((b) => (b.type === 'fields' ? b.fields : []));
  const value = (en: string) => fields.find((f) => f.label.en === en)?.value;

  it('says who missed it and since when, in the tenant time zone', () => {
    expect(value('Missed by')).toEqual({ zh: '张三、李四', en: '张三, 李四' });
    expect(value('Since')).toEqual({ zh: '2026-02-24 10:30（周二）', en: '2026-02-24 10:30 (Tue)' });
    expect(value('Late by')).toEqual({ zh: '10 小时', en: '10 h' });
    expect(card.blocks[0]).toEqual({
      type: 'text',
      text: {
        zh: '**首次响应** 自 2026-02-24 10:30（周二） 起超时，已超 10 小时（工作时间），张三、李四 仍未处理，现升级给你。',
        en: '**First response** has been overdue since 2026-02-24 10:30 (Tue), 10 h late (working time), and 张三, 李四 did not act; it is escalated to you.',
      },
    });
  });

  it('keeps the overdue facts (customer, lead, step) within six fields', () => {
    expect(fields.map((f) => f.label.en)).toEqual(['Customer', 'Lead', 'Step', 'Missed by', 'Since', 'Late by']);
  });

  it('is red, lets the recipient nudge the rep and open the lead, and has one id per escalation level', () => {
    expect(card.kind).toBe(LEAD_ESCALATED_KIND);
    expect(card.severity).toBe('danger');
    expect(card.buttons.map((b) => [b.actionId, b.style])).toEqual([[NUDGE_OWNER_ACTION, 'primary']]);
    expect(card.links.map((l) => l.url)).toEqual([escalatedFacts.lead.url]);
    expect(card.id).toBe(`lead-escalated-${escalatedFacts.lead.id}-first_response-l2`);
    expect(leadEscalatedCard({ ...escalatedFacts, level: 3 }, NOW, TIMEZONE).id).not.toBe(card.id);
  });

  it('is valid on every platform', () => {
    expect(validateCard(card)).toEqual([]);
  });
});
