/** im.message.receive_v1 → message.received. Text comes from the content JSON; rich text (post) is flattened. */
import type { MessageReceived } from '../../src/core/events.js';
import type { Rejection } from '../contract.js';
import { epochToIso, isObject, missingField, objectAt, person, stringAt, type JsonObject } from './payload-fields.js';

/** Feishu message_type → salesbeat contentType; unlisted types keep their Feishu name. */
const contentTypes: Record<string, string> = {
  text: 'text',
  post: 'rich_text',
  image: 'image',
  file: 'file',
  audio: 'audio',
  media: 'video',
  sticker: 'sticker',
};

interface Mention {
  key: string;
  name?: string;
  botMention: boolean;
}

function mentionsOf(message: JsonObject): Mention[] {
  const list = Array.isArray(message.mentions) ? message.mentions : [];
  return list.flatMap((m): Mention[] => {
    const key = stringAt(m, 'key');
    if (key === undefined) return [];
    return [{ key, name: stringAt(m, 'name'), botMention: stringAt(m, 'mentioned_type') === 'bot' }];
  });
}

function parseJson(content: string | undefined): unknown {
  if (content === undefined) return undefined;
  try {
    return JSON.parse(content) as unknown;
  } catch {
    return undefined;
  }
}

/** "@_user_1 hello" → "@Tom hello"; longest keys first so @_user_1 never eats @_user_10. */
function withMentionNames(text: string, mentions: Mention[]): string {
  const named = mentions.filter((m) => m.name !== undefined).sort((a, b) => b.key.length - a.key.length);
  return named.reduce((acc, m) => acc.split(m.key).join(`@${m.name}`), text);
}

function postElementText(element: unknown): string {
  switch (stringAt(element, 'tag')) {
    case 'text':
    case 'a':
    case 'md':
    case 'code_block':
      return stringAt(element, 'text') ?? '';
    case 'at':
      return `@${stringAt(element, 'user_name') ?? stringAt(element, 'user_id') ?? ''}`;
    case 'emotion':
      return `[${stringAt(element, 'emoji_type') ?? ''}]`;
    default:
      return ''; // img, media, hr: no text
  }
}

/** Rich text: `{title, content: [[element…]…]}`, possibly wrapped in a locale key (`{zh_cn: {...}}`). */
function flattenPost(post: unknown): string {
  const body = isObject(post) && !('content' in post) ? Object.values(post).find(isObject) : post;
  if (!isObject(body)) return '';
  const paragraphs = Array.isArray(body.content) ? body.content : [];
  const lines = paragraphs.map((p) => (Array.isArray(p) ? p.map(postElementText).join('') : ''));
  const title = stringAt(body, 'title');
  return (title !== undefined ? [title, ...lines] : lines).join('\n').trim();
}

function textOf(messageType: string, content: string | undefined, mentions: Mention[]): string {
  const parsed = parseJson(content);
  if (messageType === 'text') {
    const text = stringAt(parsed, 'text') ?? (parsed === undefined ? (content ?? '') : '');
    return withMentionNames(text, mentions);
  }
  if (messageType === 'post') return flattenPost(parsed);
  return '';
}

export function messageReceived(
  event: JsonObject | undefined,
  appTenantKey: string | undefined,
  fallbackOccurredAt: string,
): MessageReceived | Rejection {
  const message = objectAt(event, 'message');
  const messageId = stringAt(message, 'message_id');
  if (message === undefined || messageId === undefined) return missingField('event.message.message_id');
  const chatId = stringAt(message, 'chat_id');
  if (chatId === undefined) return missingField('event.message.chat_id');
  const chatType = stringAt(message, 'chat_type');
  if (chatType === undefined) return missingField('event.message.chat_type');
  const messageType = stringAt(message, 'message_type');
  if (messageType === undefined) return missingField('event.message.message_type');
  const sender = objectAt(event, 'sender');
  const senderId = objectAt(sender, 'sender_id');
  if (senderId === undefined) return missingField('event.sender.sender_id');

  const mentions = mentionsOf(message);
  const direct = chatType === 'p2p';
  return {
    kind: 'message.received',
    occurredAt: epochToIso(stringAt(message, 'create_time')) ?? fallbackOccurredAt,
    messageId,
    chat: { id: chatId, type: direct ? 'direct' : 'group' },
    sender: person(senderId, stringAt(sender, 'tenant_key'), appTenantKey),
    text: textOf(messageType, stringAt(message, 'content'), mentions),
    contentType: contentTypes[messageType] ?? messageType,
    toBot: direct || mentions.some((m) => m.botMention),
    replyTo: { message_id: messageId, chat_id: chatId },
  };
}
