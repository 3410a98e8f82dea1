/**
 * The one contract every platform adapter fulfils. An adapter is pure with respect to I/O on the
 * inbound side: it gets the raw request and the tenant's credentials, and answers with what the
 * HTTP layer must do. It never touches the store or the HTTP framework.
 *
 *   raw body → verify → handshake → decrypt → parse → InboundOutcome
 *
 * The service then dedups and commits the events to the inbox, and only after the commit sends `reply`.
 */
import type { DomainEvent, Platform } from '../src/core/events.js';

export interface InboundRequest {
  method: 'GET' | 'POST';
  /** Query string parameters, already URL-decoded once. */
  query: Record<string, string>;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  /** The body exactly as received: signatures are computed over these bytes. */
  rawBody: Buffer;
}

export interface HttpReply {
  status: number;
  contentType: string;
  body: string;
}

/** One event ready for the inbox. */
export interface InboundEvent {
  /** The platform's idempotency key (e.g. Feishu message_id, DingTalk msgId, WeCom MsgId or FromUserName+CreateTime). */
  dedupKey: string;
  /** The platform's own event type string, for diagnosis only. */
  vendorType: string;
  event: DomainEvent;
  /** The decrypted payload, verbatim. */
  raw: string;
}

/** Bilingual, specific reason for refusing a request; `code` is stable and machine-readable. */
export interface Rejection {
  kind: 'rejected';
  status: 400 | 401 | 403 | 404 | 413 | 415 | 422;
  code: RejectionCode;
  message: string;
  messageZh: string;
}

export type RejectionCode =
  | 'bad_signature'
  | 'missing_signature'
  | 'stale_timestamp'
  | 'bad_token'
  | 'decrypt_failed'
  | 'wrong_receive_id'
  | 'malformed_body'
  | 'missing_field'
  | 'unsupported_content_type'
  | 'body_too_large'
  | 'not_configured';

export type InboundOutcome =
  /** URL verification (challenge / echostr / check_url): answer `reply`, store nothing. */
  | { kind: 'handshake'; reply: HttpReply }
  /** Verified events (possibly explicit `ignored` ones): commit them, then answer `reply`. */
  | { kind: 'events'; events: InboundEvent[]; reply: HttpReply }
  | Rejection;

export interface AdapterContext {
  /** The tenant's credentials for this platform (keys named as in `credentialKeys`). */
  credentials: Record<string, string>;
  /** Injected clock: used for stale-timestamp checks and for reply timestamps. */
  now: Date;
}

export interface InboundAdapter {
  platform: Platform;
  /** Credential keys this platform uses, mapped to the environment variable that configures them for the `default` tenant. */
  credentialKeys: Record<string, string>;
  /** HTTP methods the webhook route accepts. */
  methods: Array<'GET' | 'POST'>;
  handleHttp(request: InboundRequest, context: AdapterContext): InboundOutcome;
}

export interface IngestResult {
  dedupKey: string;
  /** accepted (new), duplicate (already in the inbox) */
  status: 'accepted' | 'duplicate';
  inboxId?: string;
}

/** What a long-lived transport (Feishu long connection, DingTalk Stream) feeds events into: the same inbox as HTTP. */
export interface InboundSink {
  ingest(tenantId: string, platform: Platform, transport: 'http' | 'stream' | 'long_connection', events: InboundEvent[]): Promise<IngestResult[]>;
}

export function reject(
  status: Rejection['status'],
  code: RejectionCode,
  message: string,
  messageZh: string,
): Rejection {
  return { kind: 'rejected', status, code, message, messageZh };
}

export function ignored(occurredAt: string, reason: string): DomainEvent {
  return { kind: 'ignored', occurredAt, reason };
}
