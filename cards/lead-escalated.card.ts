/**
 * 升级提醒 — an overdue follow-up still unmet after the escalation delay goes one level up: the same facts
 * as the overdue card, plus who missed it and since when.
 */
import type { Card } from '../src/core/card.js';
import { md } from '../src/core/card-text.js';
import { formatDateTime, formatDuration, formatNames } from './format.js';
import { lateByField, leadFields, nudgeOwnerButton, viewLeadLink, workingTimeNote, type LeadFollowUpFacts, type Person } from './lead-overdue.card.js';

export const LEAD_ESCALATED_KIND = 'lead.escalated';

export interface LeadEscalatedFacts extends LeadFollowUpFacts {
  /** Who had the step and let it pass: the owner, and the supervisor(s) already alerted. */
  missedBy: Person[];
  /** 1 = the owner's supervisor's manager, and so on. */
  level: number;
}

export function leadEscalatedCard(facts: LeadEscalatedFacts, now: Date, timeZone: string): Card {
  const names = formatNames(facts.missedBy.map((p) => p.name));
  const late = formatDuration(facts.lateWorkingMinutes);
  const since = formatDateTime(facts.dueAt, timeZone);
  return {
    id: `lead-escalated-${facts.lead.id}-${facts.step.key}-l${facts.level}`,
    kind: LEAD_ESCALATED_KIND,
    title: { zh: `升级提醒：${facts.customerName} 跟进超时`, en: `Escalated: follow-up overdue, ${facts.customerName}` },
    severity: 'danger',
    blocks: [
      {
        type: 'text',
        text: {
          zh: md`**${facts.step.name.zh}** 自 ${since.zh} 起超时，已超 ${late.zh}（工作时间），${names.zh} 仍未处理，现升级给你。`,
          en: md`**${facts.step.name.en}** has been overdue since ${since.en}, ${late.en} late (working time), and ${names.en} did not act; it is escalated to you.`,
        },
      },
      {
        type: 'fields',
        // The owner is among "missed by": six fields, WeCom's most.
        fields: [
          ...leadFields(facts, false),
          { label: { zh: '未处理人', en: 'Missed by' }, value: names },
          { label: { zh: '超时起始', en: 'Since' }, value: since },
          lateByField(facts),
        ],
      },
      workingTimeNote(now, timeZone),
    ],
    buttons: [{ ...nudgeOwnerButton(facts), style: 'primary' }],
    links: [viewLeadLink(facts)],
  };
}
