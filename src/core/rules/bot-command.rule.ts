/**
 * Parses what a rep types to the bot. Pure: text in, command out; matching names against the
 * database happens later (customer-name.rule.ts), so this file never needs data.
 *
 *   /log <kind> <customer> [contact] <summary…>     记录 <kind> <customer> [联系人] <摘要…>
 *   /bind <customer>                                 绑定 <customer>
 *   /unbind                                          解绑
 *   /help                                            帮助
 *
 * English commands need the leading slash (so "log this" in a chat is not a command); Chinese ones may
 * omit it, may be followed by a colon, and `记录` may be glued to its kind ("记录电话 …").
 */

export const loggableKinds = ['call', 'visit', 'meeting', 'email', 'message', 'note'] as const;
export type LoggableKind = (typeof loggableKinds)[number];

/** Every word a rep may use for a kind; matched case-insensitively, after NFKC (full-width → half-width). */
export const kindSynonyms: Record<LoggableKind, string[]> = {
  call: ['电话', '打电话', '通话', '致电', '来电', 'call', 'phone', 'phonecall'],
  visit: ['拜访', '面访', '见面', '上门', '面谈', '走访', 'visit', 'onsite'],
  meeting: ['会议', '开会', '线上会议', 'meeting', 'meet'],
  email: ['邮件', '电邮', '发邮件', 'email', 'e-mail', 'mail'],
  message: ['消息', '微信', '聊天', '短信', 'message', 'msg', 'chat', 'wechat'],
  note: ['备注', '笔记', 'note', 'memo'],
};

/** One word of the message, with its position so the summary can be cut from the original text. */
export interface Word {
  text: string;
  start: number;
}

export type CommandProblem = 'missing_kind' | 'unknown_kind' | 'missing_customer' | 'unknown_command';
export type CommandUsage = 'log' | 'bind' | 'all';

export type BotCommand =
  /** `words` are everything after the kind: the customer name first, then optionally a contact, then the summary. */
  | { command: 'log'; kind: LoggableKind; words: Word[]; source: string }
  | { command: 'bind'; customerQuery: string }
  | { command: 'unbind' }
  | { command: 'help' }
  | { command: 'invalid'; problem: CommandProblem; usage: CommandUsage; detail?: string };

type CommandName = 'log' | 'bind' | 'unbind' | 'help';

const commandWords: Record<CommandName, string[]> = {
  log: ['/log', '/记录', '记录'],
  bind: ['/bind', '/绑定', '绑定'],
  unbind: ['/unbind', '/解绑', '解绑', '解除绑定'],
  help: ['/help', '/帮助', '帮助', 'help', '?', '/?'],
};

const GLUED_LOG_PREFIX = '记录';

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '「': '」', '『': '』' };

/** Splits on any whitespace (the ideographic space included); a quoted run is one word without its quotes. */
export function splitWords(text: string): Word[] {
  const words: Word[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/u.test(text[i]!)) i++;
    if (i >= text.length) break;
    const open = text[i]!;
    const close = QUOTES[open];
    if (close !== undefined) {
      const end = text.indexOf(close, i + 1);
      const stop = end === -1 ? text.length : end;
      const inner = text.slice(i + 1, stop).trim();
      if (inner) words.push({ text: inner, start: i });
      i = stop + 1;
      continue;
    }
    const start = i;
    while (i < text.length && !/\s/u.test(text[i]!)) i++;
    words.push({ text: text.slice(start, i), start });
  }
  return words;
}

/** Lower-cased NFKC form with a trailing colon removed: what command and kind words are compared on. */
function keyOf(word: string): string {
  return word.normalize('NFKC').toLowerCase().replace(/:+$/u, '');
}

/** The kind a word names, or undefined. */
export function kindOf(word: string): LoggableKind | undefined {
  const key = keyOf(word);
  return loggableKinds.find((kind) => kindSynonyms[kind].includes(key));
}

function commandOf(word: string): CommandName | undefined {
  const key = keyOf(word);
  return (Object.keys(commandWords) as CommandName[]).find((name) => commandWords[name].includes(key));
}

/** The command in `text`, an `invalid` command saying what is wrong, or null when the text is not a command at all. */
export function parseBotCommand(text: string): BotCommand | null {
  const all = splitWords(text);
  // Group messages to the bot start with its @-mention (Feishu keeps a placeholder such as "@_user_1").
  const firstReal = all.findIndex((w) => !w.text.startsWith('@'));
  if (firstReal === -1) return null;
  const words = all.slice(firstReal);
  // A lone colon after the command word ("记录 ： 电话 …") carries nothing.
  const [head, ...rest] = words.filter((w, i) => i === 0 || keyOf(w.text) !== '');
  if (!head) return null;

  const glued = gluedLog(head);
  if (glued) return parseLog(glued.kind, rest, text);

  const name = commandOf(head.text);
  if (name === undefined) {
    const key = keyOf(head.text);
    if (key.startsWith('/') && key.length > 1) return { command: 'invalid', problem: 'unknown_command', usage: 'all', detail: head.text };
    return null;
  }
  switch (name) {
    case 'help':
      return { command: 'help' };
    case 'unbind':
      return { command: 'unbind' };
    case 'bind': {
      const first = rest[0];
      if (!first) return { command: 'invalid', problem: 'missing_customer', usage: 'bind' };
      const customerQuery = rest.length === 1 ? first.text : text.slice(first.start).trim();
      return { command: 'bind', customerQuery };
    }
    case 'log': {
      const kindWord = rest[0];
      if (!kindWord) return { command: 'invalid', problem: 'missing_kind', usage: 'log' };
      const kind = kindOf(kindWord.text);
      if (!kind) return { command: 'invalid', problem: 'unknown_kind', usage: 'log', detail: kindWord.text };
      return parseLog(kind, rest.slice(1), text);
    }
  }
}

function gluedLog(head: Word): { kind: LoggableKind } | undefined {
  const key = keyOf(head.text).replace(/^\//u, '');
  if (!key.startsWith(GLUED_LOG_PREFIX) || key === GLUED_LOG_PREFIX) return undefined;
  const kind = kindOf(key.slice(GLUED_LOG_PREFIX.length).replace(/^:+/u, ''));
  return kind ? { kind } : undefined;
}

function parseLog(kind: LoggableKind, words: Word[], source: string): BotCommand {
  if (words.length === 0) return { command: 'invalid', problem: 'missing_customer', usage: 'log' };
  return { command: 'log', kind, words, source };
}
