/** What salesbeat says about a card tap: refusals, the message a nudge sends, and a card's final state. zh-CN first. */
import type { Bilingual } from './bilingual.js';

/** One line, both languages, for an inbox event's note or ignore reason (shown as is by the console). */
export function outcomeLine(text: Bilingual): string {
  return `${text.zh} / ${text.en}`;
}

export const tapRefusals = {
  notRegistered: { zh: '操作人不是本租户的用户，未执行', en: 'the person who tapped is not a user of this tenant; nothing done' },
  cardNotFound: { zh: '找不到这张卡片，未执行', en: 'this card cannot be found; nothing done' },
  notRecipient: { zh: '只有卡片接收人可以操作此卡片，未执行', en: "only the card's recipient may press its buttons; nothing done" },
  unknownButton: { zh: '卡片上没有这个按钮（可能已过期），未执行', en: 'the card has no such button (it may be out of date); nothing done' },
  leadNotFound: { zh: '找不到卡片上的线索，未执行', en: "the card's lead cannot be found; nothing done" },
  leadNotOpen: { zh: '线索已不再跟进中，未执行', en: 'the lead is no longer open; nothing done' },
  leadHasNoOwner: { zh: '线索没有负责人，无人可提醒', en: 'the lead has no owner to nudge' },
} satisfies Record<string, Bilingual>;

export function cardAlreadyFinal(state: Bilingual): Bilingual {
  return { zh: `卡片已处理（${state.zh}），未重复执行`, en: `the card is already done (${state.en}); nothing done twice` };
}

/** The lead as people call it: its title, with the customer when the title does not already say it. */
export function leadLabel(title: string | null, customerName: string | null): string {
  if (title && customerName && !title.includes(customerName)) return `${title}（${customerName}）`;
  return title ?? customerName ?? '—';
}

/** The message a supervisor's "提醒销售 Nudge rep" sends to the lead's owner. */
export function nudgeMessage(supervisorName: string, lead: string): Bilingual {
  return {
    zh: `主管 ${supervisorName} 提醒您跟进线索「${lead}」，请尽快联系客户并记录跟进。`,
    en: `Supervisor ${supervisorName} asks you to follow up lead "${lead}": please contact the customer soon and log the follow-up.`,
  };
}

/** `已提醒 张三 by 王芳 at 14:02`. */
export function nudgedState(ownerName: string, presserName: string, clock: string): Bilingual {
  return { zh: `已提醒 ${ownerName} by ${presserName} at ${clock}`, en: `Nudged ${ownerName} by ${presserName} at ${clock}` };
}

/** `已记录 by 张三 at 14:02`. */
export function loggedState(presserName: string, clock: string): Bilingual {
  return { zh: `已记录 by ${presserName} at ${clock}`, en: `Logged by ${presserName} at ${clock}` };
}

export const followUpFromCard: Bilingual = { zh: '通过卡片记录跟进', en: 'Follow-up logged from the card' };

export function nudgeSent(ownerName: string): Bilingual {
  return { zh: `已提醒 ${ownerName}`, en: `${ownerName} was nudged` };
}

export const followUpLogged: Bilingual = { zh: '已记录跟进', en: 'follow-up logged' };
