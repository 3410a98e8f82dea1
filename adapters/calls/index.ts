/**
 * Call-record webhook — salesbeat's public contract for cloud call-centre systems (the chat platforms
 * do not report phone calls). One POST per finished call.
 *
 *   POST /webhooks/calls/<tenant>            (route set by the HTTP layer)
 *   Content-Type: application/json
 *   X-Salesbeat-Timestamp: 1772443800                      unix seconds, within 5 minutes of our clock
 *   X-Salesbeat-Signature: v1=<hex HMAC-SHA256(secret, timestamp + "." + rawBody)>
 *
 *   The secret is the tenant's CALLS_WEBHOOK_SECRET. Sign the exact bytes you send (do not re-serialise).
 *   Several comma-separated `v1=` values are accepted during a secret rotation.
 *   Shell check:  printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET"
 *
 *   {
 *     "call_id": "cc-20260302-000117",           required, ≤128 printable chars; the dedup key (resend freely)
 *     "rep": {                                   required; at least one of userid / phone / email
 *       "userid": "zhangsan", "phone": "+86 138 0013 8000", "email": "zhangsan@example.com", "name": "张三"
 *     },
 *     "platform_user": {                         optional: the same rep on the tenant's chat platform,
 *       "platform": "wecom",                     becomes rep.ids["<platform>.<id_type>"], e.g. rep.ids["wecom.userid"];
 *       "id_type": "userid",                     id_type: feishu open_id|user_id|union_id,
 *       "id": "zhangsan"                         dingtalk userId|staffId, wecom userid
 *     },
 *     "customer_phone": "+86 139 0000 1234",     required, as dialled (digits, +, spaces, dashes, parentheses)
 *     "direction": "outbound",                   required, "outbound" | "inbound"
 *     "started_at": "2026-03-02T17:30:00+08:00", required, ISO-8601 with Z or ±HH:MM, not in the future
 *     "duration_seconds": 312,                   required, integer 0..86400 (0 for unanswered)
 *     "answered": true,                          required, boolean
 *     "summary": "王总确认下周三到访"               optional text, ≤ 20,000 chars
 *   }
 *   Unknown extra fields are ignored.
 *
 * Replies: 200 {"ok":true} once the call is stored (a resend of the same call_id is also 200);
 * 401 missing_signature | bad_signature | stale_timestamp; 400 missing_field | malformed_body with every
 * bad field named, in English and Chinese; 404 not_configured; 413 body_too_large; 415 unsupported_content_type.
 * Each accepted record becomes one `call.ended` event (occurredAt = started_at + duration).
 */
import { reject, type HttpReply, type InboundAdapter } from '../contract.js';
import { parseCallRecord } from './parse.js';
import { verifyCallsRequest } from './verify.js';

export const MAX_BODY_BYTES = 256 * 1024;
export const CALLS_ACK: HttpReply = { status: 200, contentType: 'application/json', body: '{"ok":true}' };

export const callsAdapter: InboundAdapter = {
  platform: 'calls',
  credentialKeys: { webhookSecret: 'CALLS_WEBHOOK_SECRET' },
  methods: ['POST'],
  handleHttp(request, context) {
    const secret = context.credentials['webhookSecret'];
    if (!secret) {
      return reject(404, 'not_configured', 'The call webhook is not configured for this tenant (missing CALLS_WEBHOOK_SECRET).', '本租户未配置通话记录回调（缺少 CALLS_WEBHOOK_SECRET）。');
    }
    if (request.rawBody.length > MAX_BODY_BYTES) {
      return reject(413, 'body_too_large', `A call record must be at most ${MAX_BODY_BYTES} bytes.`, `通话记录不能超过 ${MAX_BODY_BYTES} 字节。`);
    }
    const unauthenticated = verifyCallsRequest(request.headers, request.rawBody, secret, context.now);
    if (unauthenticated) return unauthenticated;
    const contentType = request.headers['content-type'];
    if (contentType !== undefined && !/^application\/json\b/i.test(contentType)) {
      return reject(415, 'unsupported_content_type', 'Content-Type must be application/json.', 'Content-Type 必须是 application/json。');
    }
    const events = parseCallRecord(request.rawBody, context.now);
    if ('kind' in events) return events;
    return { kind: 'events', events, reply: CALLS_ACK };
  },
};

export { callsSimulator } from './simulate.js';
