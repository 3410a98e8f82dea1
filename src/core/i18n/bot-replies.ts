/** Everything the bot says back to a rep, zh-CN first, then English. */
import type { CommandProblem, CommandUsage, LoggableKind } from '../rules/bot-command.rule.js';
import type { KeywordKey } from '../rules/keywords.rule.js';
import { joinLines, type Bilingual } from './bilingual.js';

export const kindLabels: Record<LoggableKind, Bilingual> = {
  call: { zh: '电话', en: 'call' },
  visit: { zh: '拜访', en: 'visit' },
  meeting: { zh: '会议', en: 'meeting' },
  email: { zh: '邮件', en: 'email' },
  message: { zh: '消息', en: 'message' },
  note: { zh: '备注', en: 'note' },
};

export const keywordLabels: Record<KeywordKey, Bilingual> = {
  budget: { zh: '预算', en: 'budget' },
  quote: { zh: '报价', en: 'quote' },
  contract: { zh: '合同', en: 'contract' },
  legal: { zh: '法务', en: 'legal' },
  payment: { zh: '付款', en: 'payment' },
  competitor: { zh: '竞品', en: 'competitor' },
};

const usageLines: Record<Exclude<CommandUsage, 'all'>, Bilingual> = {
  log: {
    zh: '记录 <类型> <客户> [联系人] <摘要>　例：记录 电话 华为 张伟 讨论了预算和报价',
    en: '/log <kind> <customer> [contact] <summary>  e.g. /log call Acme "Jane Doe" discussed budget and quote',
  },
  bind: { zh: '绑定 <客户>　把本群绑定到客户；解绑　取消绑定', en: '/bind <customer> binds this group to a customer; /unbind removes it' },
};

const kindList: Bilingual = {
  zh: '类型：电话、拜访、会议、邮件、消息、备注',
  en: 'kinds: call, visit, meeting, email, message, note',
};

export function helpText(): Bilingual {
  return joinLines([
    { zh: 'salesbeat 可以帮你记录销售动作：', en: 'salesbeat records your sales actions:' },
    usageLines.log,
    kindList,
    usageLines.bind,
    { zh: '帮助　显示本说明', en: '/help shows this text' },
  ]);
}

/** A text the bot was sent that is no command. */
export function notUnderstood(): Bilingual {
  return joinLines([{ zh: '没有看懂这条指令，未记录任何内容。', en: 'I did not understand that; nothing was recorded.' }, helpText()]);
}

export function commandProblem(problem: CommandProblem, usage: CommandUsage, detail?: string): Bilingual {
  const head: Record<CommandProblem, Bilingual> = {
    missing_kind: { zh: '缺少类型，未记录。', en: 'The kind is missing; nothing was recorded.' },
    unknown_kind: { zh: `不认识的类型「${detail ?? ''}」，未记录。`, en: `Unknown kind "${detail ?? ''}"; nothing was recorded.` },
    missing_customer: { zh: '缺少客户名称，未执行。', en: 'The customer name is missing; nothing was done.' },
    unknown_command: { zh: `不认识的指令「${detail ?? ''}」。`, en: `Unknown command "${detail ?? ''}".` },
  };
  if (usage === 'all') return joinLines([head[problem], helpText()]);
  return joinLines(usage === 'log' ? [head[problem], usageLines.log, kindList] : [head[problem], usageLines.bind]);
}

export function notRegistered(platform: string): Bilingual {
  return {
    zh: `你还没有在 salesbeat 中注册（没有用户关联到你的 ${platform} 账号），请联系管理员添加。未记录任何内容。`,
    en: `You are not registered in salesbeat (no user is linked to your ${platform} account); ask your admin to add you. Nothing was recorded.`,
  };
}

function quotedList(names: string[], separator: string): string {
  return names.map((n) => `「${n}」`).join(separator);
}

export function customerNotFound(query: string, suggestions: string[]): Bilingual {
  const zh = `找不到客户「${query}」，未记录。`;
  const en = `No customer named "${query}"; nothing was recorded.`;
  if (suggestions.length === 0) return { zh, en };
  return { zh: `${zh}你是不是要找：${quotedList(suggestions, '、')}？`, en: `${en} Did you mean: ${suggestions.map((n) => `"${n}"`).join(', ')}?` };
}

export function customerAmbiguous(query: string, candidates: string[]): Bilingual {
  return {
    zh: `「${query}」匹配到多个客户：${quotedList(candidates, '、')}，请写完整名称（可加引号）。未记录。`,
    en: `"${query}" matches several customers: ${candidates.map((n) => `"${n}"`).join(', ')}. Use the full name (quotes allowed); nothing was recorded.`,
  };
}

export interface LoggedAction {
  kind: LoggableKind;
  customer: string;
  contact: string | null;
  keywords: KeywordKey[];
  summary: string | null;
  lead: string | null;
  deal: string | null;
}

export function actionLogged(action: LoggedAction): Bilingual {
  const keywords = action.keywords.map((k) => keywordLabels[k]);
  const zh = [
    `已记录${kindLabels[action.kind].zh}`,
    `客户：${action.customer}`,
    `联系人：${action.contact ?? '未指定'}`,
    `关键词：${keywords.length ? keywords.map((k) => k.zh).join('、') : '无'}`,
  ];
  const en = [
    `Logged a ${kindLabels[action.kind].en}`,
    `customer: ${action.customer}`,
    `contact: ${action.contact ?? 'none'}`,
    `keywords: ${keywords.length ? keywords.map((k) => k.en).join(', ') : 'none'}`,
  ];
  if (action.lead !== null) {
    zh.push(`线索：${action.lead}`);
    en.push(`lead: ${action.lead}`);
  }
  if (action.deal !== null) {
    zh.push(`商机：${action.deal}`);
    en.push(`deal: ${action.deal}`);
  }
  return {
    zh: zh.join('｜') + (action.summary ? `\n摘要：${action.summary}` : ''),
    en: en.join(' | ') + (action.summary ? `\nsummary: ${action.summary}` : ''),
  };
}

export function chatBound(customer: string, previous: string | null): Bilingual {
  if (previous === null) return { zh: `本群已绑定到客户「${customer}」，群内消息将记入该客户。`, en: `This group is now bound to customer "${customer}"; its messages are recorded on that customer.` };
  return {
    zh: `本群已从客户「${previous}」改绑到「${customer}」。`,
    en: `This group moved from customer "${previous}" to "${customer}".`,
  };
}

export function chatAlreadyBound(customer: string): Bilingual {
  return { zh: `本群已经绑定到客户「${customer}」，无需重复绑定。`, en: `This group is already bound to customer "${customer}".` };
}

export function bindNeedsGroup(): Bilingual {
  return { zh: '只能在群聊中绑定客户，未执行。', en: 'Only a group chat can be bound to a customer; nothing was done.' };
}

export function chatUnbound(customer: string): Bilingual {
  return { zh: `本群已解除与客户「${customer}」的绑定，之前的记录保留。`, en: `This group is no longer bound to customer "${customer}"; earlier records are kept.` };
}

export function chatNotBound(): Bilingual {
  return { zh: '本群没有绑定客户，无需解绑。', en: 'This chat is not bound to any customer.' };
}
