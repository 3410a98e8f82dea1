/**
 * The message a console page shows after a post. Two sources, neither of which lets a URL inject text:
 *   - `?flash=<code>`: a fixed code from this file (a form the route refused before anything was sent);
 *   - `?event=<inbox id>`: what processing made of the post or tap, read back from the tenant's inbox.
 */
import { NOT_A_CUSTOMER_CHAT } from '../../../core/rules/message-capture.rule.js';
import type { ConsoleOutcome } from '../../../store/console-query.repository.js';

export type FlashTone = 'ok' | 'info' | 'warn' | 'error';

export interface Flash {
  tone: FlashTone;
  zh: string;
  en: string;
  /** Detail as processing wrote it (already bilingual for card taps). */
  detail?: string;
}

export const flashCodes = {
  empty_text: { tone: 'error', zh: '请输入消息内容', en: 'Type a message first' },
  text_too_long: { tone: 'error', zh: '消息太长', en: 'The message is too long' },
  bad_sender: { tone: 'error', zh: '找不到该联系人', en: 'No such contact' },
  bad_chat: { tone: 'error', zh: '找不到该聊天', en: 'No such chat' },
  chat_title: { tone: 'error', zh: '请填写新群聊名称（最多 60 字）', en: 'Name the new group chat (up to 60 characters)' },
  bad_action: { tone: 'error', zh: '按钮数据无效，未执行', en: 'The button sent unreadable data; nothing done' },
  logged_out: { tone: 'info', zh: '已退出', en: 'Logged out' },
} satisfies Record<string, Omit<Flash, 'detail'>>;

export type FlashCode = keyof typeof flashCodes;

export function isFlashCode(code: string | undefined): code is FlashCode {
  return code !== undefined && Object.hasOwn(flashCodes, code);
}

/** How many times a page reloads itself while waiting for processing. */
export const MAX_OUTCOME_REFRESHES = 10;

const knownReasons: Record<string, { zh: string; en: string }> = {
  [NOT_A_CUSTOMER_CHAT]: { zh: '此聊天未绑定客户，消息未记为销售动作', en: 'this chat is not bound to a customer, so the message is not a sales action' },
};

export function outcomeFlash(outcome: ConsoleOutcome | undefined, stillWaiting: boolean): Flash {
  if (!outcome) return { tone: 'error', zh: '找不到这条记录', en: 'Nothing found for this event' };
  const tap = outcome.kind === 'card.action';
  if (outcome.status === 'pending') {
    return stillWaiting
      ? { tone: 'info', zh: '处理中…', en: 'Processing…' }
      : { tone: 'warn', zh: '仍在处理中，请稍后刷新', en: 'Still processing; reload the page in a moment' };
  }
  if (outcome.status === 'failed') return { tone: 'error', zh: '处理失败，已记录错误', en: 'Processing failed; the error is logged' };
  if (outcome.status === 'ignored') {
    const reason = outcome.ignoreReason ?? '';
    if (tap) return { tone: 'warn', zh: '操作未执行', en: 'Nothing was done', detail: reason };
    const known = knownReasons[reason];
    return known
      ? { tone: 'warn', zh: `消息已发送；${known.zh}`, en: `Message posted; ${known.en}` }
      : { tone: 'warn', zh: '消息已发送，未记为销售动作', en: 'Message posted, not a sales action', detail: reason };
  }
  if (tap) return { tone: 'ok', zh: '操作成功', en: 'Done', ...(outcome.note ? { detail: outcome.note } : {}) };
  if (outcome.actions > 0) return { tone: 'ok', zh: '消息已发送，已记为销售动作', en: 'Message posted and captured as a sales action' };
  return { tone: 'ok', zh: '消息已发送', en: 'Message posted', ...(outcome.note ? { detail: outcome.note } : {}) };
}
