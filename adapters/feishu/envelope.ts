/**
 * Which of Feishu's request shapes a (decrypted) body is. The shape decides the signature scheme, the
 * token location and the dedup key.
 */
import { isObject, objectAt, type JsonObject } from './payload-fields.js';

export type FeishuEnvelope =
  /** `{type:"url_verification", challenge, token}` — the request-URL handshake. */
  | 'url_verification'
  /** `{schema:"2.0", header:{event_id, event_type, token, ...}, event}` — events and card.action.trigger. */
  | 'v2'
  /** `{uuid, ts, token, type:"event_callback", event:{type, ...}}` — the older event format. */
  | 'v1'
  /** card.action.trigger_v1: `{open_id, open_message_id, token (card update token), action}`, no schema, never encrypted. */
  | 'legacy_card'
  | 'unknown';

export function feishuEnvelope(payload: JsonObject): FeishuEnvelope {
  if (payload.type === 'url_verification') return 'url_verification';
  if ('schema' in payload) return 'v2';
  if (payload.type === 'event_callback' || isObject(payload.event)) return 'v1';
  if (objectAt(payload, 'action') !== undefined && !('type' in payload)) return 'legacy_card';
  return 'unknown';
}
