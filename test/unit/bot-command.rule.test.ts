import { describe, expect, it } from 'vitest';
import { kindOf, parseBotCommand, splitWords, type BotCommand } from '../../src/core/rules/bot-command.rule.js';

/** The log command with its words reduced to text, for readable expectations. */
function logOf(text: string): { kind: string; words: string[] } | BotCommand | null {
  const command = parseBotCommand(text);
  if (command?.command !== 'log') return command;
  return { kind: command.kind, words: command.words.map((w) => w.text) };
}

describe('parseBotCommand', () => {
  it.each([
    ['/log call Acme Jane discussed budget', 'call', ['Acme', 'Jane', 'discussed', 'budget']],
    ['/LOG Visit Acme onsite demo', 'visit', ['Acme', 'onsite', 'demo']],
    ['记录 电话 华为 张伟 讨论了预算', 'call', ['华为', '张伟', '讨论了预算']],
    ['记录：拜访 腾讯 面谈顺利', 'visit', ['腾讯', '面谈顺利']],
    ['记录 ： 会议 阿里 季度复盘', 'meeting', ['阿里', '季度复盘']],
    ['记录电话 华为 回访', 'call', ['华为', '回访']],
    ['/记录 邮件 华为 发了报价单', 'email', ['华为', '发了报价单']],
    ['记录　打电话　华为　全角空格', 'call', ['华为', '全角空格']],
    ['／log ｃａｌｌ Acme full-width', 'call', ['Acme', 'full-width']],
    ['@_user_1 /log note Acme remember the budget', 'note', ['Acme', 'remember', 'the', 'budget']],
    ['@salesbeat 记录 见面 华为 午饭', 'visit', ['华为', '午饭']],
    ['/log meeting "Acme Asia Pacific" "Jane Doe" kickoff', 'meeting', ['Acme Asia Pacific', 'Jane Doe', 'kickoff']],
    ['/log message “华为 云” 微信沟通', 'message', ['华为 云', '微信沟通']],
    ['/log e-mail Acme sent contract', 'email', ['Acme', 'sent', 'contract']],
    ['记录 面访 华为', 'visit', ['华为']],
  ])('reads %j as a %s log with its words', (text, kind, words) => {
    expect(logOf(text)).toEqual({ kind, words });
  });

  it.each([
    ['/help', { command: 'help' }],
    ['帮助', { command: 'help' }],
    ['？', { command: 'help' }],
    ['/unbind', { command: 'unbind' }],
    ['解绑', { command: 'unbind' }],
    ['/bind Acme', { command: 'bind', customerQuery: 'Acme' }],
    ['绑定 华为技术有限公司', { command: 'bind', customerQuery: '华为技术有限公司' }],
    ['/bind Acme Asia Pacific', { command: 'bind', customerQuery: 'Acme Asia Pacific' }],
    ['/bind "Acme Asia"', { command: 'bind', customerQuery: 'Acme Asia' }],
  ])('reads %j as %j', (text, expected) => {
    expect(parseBotCommand(text)).toEqual(expected);
  });

  it.each([
    ['/log', 'missing_kind', 'log', undefined],
    ['记录', 'missing_kind', 'log', undefined],
    ['/log dance Acme', 'unknown_kind', 'log', 'dance'],
    ['记录 跳舞 华为', 'unknown_kind', 'log', '跳舞'],
    ['/log call', 'missing_customer', 'log', undefined],
    ['记录电话', 'missing_customer', 'log', undefined],
    ['/bind', 'missing_customer', 'bind', undefined],
    ['/frobnicate now', 'unknown_command', 'all', '/frobnicate'],
  ])('refuses %j as %s and shows the %s usage', (text, problem, usage, detail) => {
    expect(parseBotCommand(text)).toEqual({ command: 'invalid', problem, usage, ...(detail ? { detail } : {}) });
  });

  it.each([
    'hello there',
    'log call Acme without a slash',
    '记录一下今天的情况',
    '',
    '   ',
    '@_user_1',
    '/',
  ])('does not take %j for a command', (text) => {
    expect(parseBotCommand(text)).toBeNull();
  });

  it('keeps the original text so the summary can be cut from it verbatim', () => {
    const command = parseBotCommand('/log call Acme  talked,  then   agreed');
    expect(command?.command).toBe('log');
    if (command?.command !== 'log') return;
    expect(command.source.slice(command.words[1]!.start)).toBe('talked,  then   agreed');
  });
});

describe('kindOf', () => {
  it.each([
    ['电话', 'call'],
    ['打电话', 'call'],
    ['Phone', 'call'],
    ['拜访', 'visit'],
    ['见面', 'visit'],
    ['开会', 'meeting'],
    ['MEETING', 'meeting'],
    ['邮件', 'email'],
    ['mail', 'email'],
    ['微信', 'message'],
    ['备注', 'note'],
    ['memo:', 'note'],
    ['跳舞', undefined],
  ])('maps %j to %s', (word, kind) => {
    expect(kindOf(word)).toBe(kind);
  });
});

describe('splitWords', () => {
  it('treats an unterminated quote as running to the end of the text', () => {
    expect(splitWords('a "b c').map((w) => w.text)).toEqual(['a', 'b c']);
  });
});
