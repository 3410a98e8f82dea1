/**
 * Platform-free domain events. Adapters turn vendor payloads into these; nothing past an adapter
 * ever sees a vendor type string. Times are ISO-8601 strings so events survive a JSON round trip.
 */

export const platforms = ['feishu', 'dingtalk', 'wecom', 'calls', 'console'] as const;
export type Platform = (typeof platforms)[number];

/** A person as the platform names them. `ids` holds every id type the payload carried (open_id, userId, external_userid, phone, ...). */
export interface PlatformPerson {
  ids: Record<string, string>;
  name?: string;
  /** true when the person is outside the tenant (a customer contact). */
  external: boolean;
}

export interface Chat {
  id: string;
  type: 'direct' | 'group';
  title?: string;
  /** The platform itself marks this as a customer group (WeCom 客户群). */
  customerGroup?: boolean;
}

export interface MessageReceived {
  kind: 'message.received';
  occurredAt: string;
  messageId: string;
  chat: Chat;
  sender: PlatformPerson;
  /** Plain text of the message; empty for media without text. */
  text: string;
  /** text, image, file, audio, video, rich_text, ... */
  contentType: string;
  /** The message was addressed to the bot (direct chat or @-mention). */
  toBot: boolean;
  /** Where a reply can be sent, in platform terms (e.g. DingTalk sessionWebhook). */
  replyTo?: Record<string, string>;
}

export interface ContactAdded {
  kind: 'contact.added';
  occurredAt: string;
  /** The rep (tenant member) who added the customer. */
  rep: PlatformPerson;
  contact: PlatformPerson;
  state?: string;
}

export interface ContactRemoved {
  kind: 'contact.removed';
  occurredAt: string;
  rep: PlatformPerson;
  contact: PlatformPerson;
  /** rep_removed_customer or customer_removed_rep */
  reason: string;
}

export interface MeetingStarted {
  kind: 'meeting.started';
  occurredAt: string;
  meetingId: string;
  topic: string;
  host?: PlatformPerson;
  participants: PlatformPerson[];
}

export interface MeetingEnded {
  kind: 'meeting.ended';
  occurredAt: string;
  meetingId: string;
  topic: string;
  startedAt?: string;
  host?: PlatformPerson;
  participants: PlatformPerson[];
}

export interface CallEnded {
  kind: 'call.ended';
  occurredAt: string;
  callId: string;
  startedAt: string;
  durationSeconds: number;
  direction: 'outbound' | 'inbound';
  /** The rep on the tenant's side. */
  rep: PlatformPerson;
  /** The customer's number, as dialled. */
  customerPhone: string;
  answered: boolean;
  summary?: string;
}

export interface CardAction {
  kind: 'card.action';
  occurredAt: string;
  operator: PlatformPerson;
  /** The opaque value the button carried. */
  value: Record<string, unknown>;
  formValue?: Record<string, unknown>;
  /** Platform handle to update the card in place (message id, outTrackId, response_code, ...). */
  cardRef: Record<string, string>;
}

export interface Ignored {
  kind: 'ignored';
  occurredAt: string;
  /** Why salesbeat does nothing with this event, in plain words (e.g. "unsupported event type im.message.message_read_v1"). */
  reason: string;
}

export type DomainEvent =
  | MessageReceived
  | ContactAdded
  | ContactRemoved
  | MeetingStarted
  | MeetingEnded
  | CallEnded
  | CardAction
  | Ignored;

export type DomainEventKind = DomainEvent['kind'];
