/**
 * Replying through the sessionWebhook a robot message carries (NOTES 2.4): no token, valid until
 * sessionWebhookExpiredTime. The URL comes from an inbound payload, so it is only called when its origin is
 * the configured DingTalk OAPI origin (DINGTALK_OAPI_BASE_URL): anything else is refused, never fetched.
 */
import { permanent, RateLimitedError, type OutboundContext } from '../outbound.js';
import { callJson, httpFailure, numberField, stringField } from '../outbound-http.js';

/** A webhook this close to its expiry is not used: the request could arrive after it. */
export const SESSION_WEBHOOK_EXPIRY_MARGIN_MS = 30_000;
/** "send too fast, exceed 20 times per minute" [3P]. */
const SESSION_RATE_LIMIT_ERRCODE = 130101;

/** Throws `permanent` unless `hook` is an http(s) URL on the configured DingTalk OAPI origin. */
export function assertTrustedSessionWebhook(hook: string, oapiBaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(hook);
  } catch {
    throw permanent('DingTalk sessionWebhook is not a URL; refused');
  }
  const allowed = new URL(oapiBaseUrl).origin;
  if (url.origin !== allowed || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw permanent(`DingTalk sessionWebhook origin ${url.origin} is not ${allowed}; refused (a webhook URL from a payload is only called on DingTalk's own host)`);
  }
  return url;
}

/** True while the webhook can still be used at `now`; an unknown expiry counts as expired. */
export function sessionWebhookUsable(expiredTime: string | undefined, now: Date): boolean {
  const expiresAt = Number(expiredTime);
  return expiredTime !== undefined && Number.isFinite(expiresAt) && expiresAt - SESSION_WEBHOOK_EXPIRY_MARGIN_MS > now.getTime();
}

export type SessionWebhookOutcome = { sent: true } | { sent: false; reason: string };

/**
 * Sends `text`; `{sent:false}` when DingTalk answered that it did not deliver (so another route may be tried
 * without risk of a duplicate). Rate limits and outages throw, to be retried.
 */
export async function replyBySessionWebhook(context: OutboundContext, url: URL, text: string): Promise<SessionWebhookOutcome> {
  const what = 'DingTalk sessionWebhook';
  const answer = await callJson(context.fetch, url.toString(), { method: 'POST', body: { msgtype: 'text', text: { content: text } } }, what);
  const errcode = numberField(answer.body, 'errcode');
  const detail = `errcode ${errcode} ${stringField(answer.body, 'errmsg') ?? ''}`.trim();
  if (answer.status === 200 && errcode === 0) return { sent: true };
  if (errcode === SESSION_RATE_LIMIT_ERRCODE) throw new RateLimitedError(`${what}: ${detail}`);
  if (answer.status === 429 || answer.status >= 500 || answer.status === 408) throw httpFailure(what, answer, errcode === undefined ? '' : detail);
  return { sent: false, reason: `${what}: ${errcode === undefined ? `HTTP ${answer.status}` : detail}` };
}
