/**
 * 跟进超时 — a follow-up step on a lead was missed. Sent to the lead's owner and to the owner's direct
 * supervisor (who also gets "提醒销售 Nudge rep"). Built from the abstract card model only.
 */
import type { Card, CardBlock, CardButton, CardField, CardLink } from '../src/core/card.js';
import { md, same } from '../src/core/card-text.js';
import type { Bilingual } from '../src/core/i18n/bilingual.js';
import { formatDateTime, formatDuration, formatStamp } from './format.js';

export const LEAD_OVERDUE_KIND = 'lead.overdue';
export const LOG_FOLLOWUP_ACTION = 'lead.log_followup';
export const NUDGE_OWNER_ACTION = 'lead.nudge_owner';

export interface Person {
  id: string;
  name: string;
}

/** What every lead follow-up card states. */
export interface LeadFollowUpFacts {
  lead: { id: string; name: string; url: string };
  customerName: string;
  owner: Person;
  /** The SLA step missed: its key (`first_response`) and its name in both languages. */
  step: { key: string; name: Bilingual };
  dueAt: Date;
  /** How late, counted in the tenant's working time (the SLA clock computes it). */
  lateWorkingMinutes: number;
}

export interface LeadOverdueFacts extends LeadFollowUpFacts {
  /** The owner gets the plain card; a supervisor's copy can also nudge the owner. */
  audience: 'owner' | 'supervisor';
}

/** Customer, lead, owner (unless `withOwner` is false) and step. */
export function leadFields(facts: LeadFollowUpFacts, withOwner = true): CardField[] {
  return [
    { label: { zh: '客户', en: 'Customer' }, value: same(facts.customerName) },
    { label: { zh: '线索', en: 'Lead' }, value: same(facts.lead.name) },
    ...(withOwner ? [{ label: { zh: '负责人', en: 'Owner' }, value: same(facts.owner.name) }] : []),
    { label: { zh: '跟进步骤', en: 'Step' }, value: facts.step.name },
  ];
}

export function lateByField(facts: LeadFollowUpFacts): CardField {
  return { label: { zh: '已超时', en: 'Late by' }, value: formatDuration(facts.lateWorkingMinutes) };
}

export function viewLeadLink(facts: LeadFollowUpFacts): CardLink {
  return { label: { zh: '查看线索', en: 'View lead' }, url: facts.lead.url };
}

export function nudgeOwnerButton(facts: LeadFollowUpFacts): CardButton {
  return {
    actionId: NUDGE_OWNER_ACTION,
    label: { zh: '提醒销售', en: 'Nudge rep' },
    style: 'default',
    value: { leadId: facts.lead.id, step: facts.step.key, ownerId: facts.owner.id },
  };
}

/** How the card counts time, and when it was true. */
export function workingTimeNote(now: Date, timeZone: string): CardBlock {
  const stamp = formatStamp(now, timeZone);
  return {
    type: 'note',
    text: {
      zh: `超时按工作时间计算（含法定节假日与调休）。时间为 ${timeZone} 时区，截至 ${stamp}。`,
      en: `Lateness counts working time (public holidays and make-up days included). Times in ${timeZone}, as of ${stamp}.`,
    },
  };
}

function logFollowUpButton(facts: LeadFollowUpFacts): CardButton {
  return {
    actionId: LOG_FOLLOWUP_ACTION,
    label: { zh: '记录跟进', en: 'Log follow-up' },
    style: 'primary',
    value: { leadId: facts.lead.id, step: facts.step.key },
  };
}

function headline(facts: LeadOverdueFacts): Bilingual {
  const late = formatDuration(facts.lateWorkingMinutes);
  if (facts.audience === 'supervisor') {
    return {
      zh: md`${facts.owner.name} 负责的线索未按时完成 **${facts.step.name.zh}**，已超时 ${late.zh}（工作时间），线索已标红。`,
      en: md`${facts.owner.name} missed **${facts.step.name.en}** on this lead, ${late.en} late (working time); the lead is now red.`,
    };
  }
  return {
    zh: md`**${facts.step.name.zh}** 未按时完成，已超时 ${late.zh}（工作时间），线索已标红。`,
    en: md`**${facts.step.name.en}** was not done in time, ${late.en} late (working time); the lead is now red.`,
  };
}

/** The card for one recipient kind; the same facts give the same card id, so a resend updates in place. */
export function leadOverdueCard(facts: LeadOverdueFacts, now: Date, timeZone: string): Card {
  const buttons = [logFollowUpButton(facts), ...(facts.audience === 'supervisor' ? [nudgeOwnerButton(facts)] : [])];
  return {
    id: `lead-overdue-${facts.lead.id}-${facts.step.key}-${facts.audience}`,
    kind: LEAD_OVERDUE_KIND,
    title: { zh: `跟进超时：${facts.customerName}`, en: `Follow-up overdue: ${facts.customerName}` },
    severity: 'danger',
    blocks: [
      { type: 'text', text: headline(facts) },
      {
        type: 'fields',
        fields: [...leadFields(facts), { label: { zh: '截止时间', en: 'Due' }, value: formatDateTime(facts.dueAt, timeZone) }, lateByField(facts)],
      },
      workingTimeNote(now, timeZone),
    ],
    buttons,
    links: [viewLeadLink(facts)],
  };
}
