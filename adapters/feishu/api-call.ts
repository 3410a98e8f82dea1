/** One Feishu API call as the app: the tenant token (refreshed once on an expiry code), JSON in, `data` out on code 0. */
import { requiredCredential, withTokenRefresh, type OutboundContext } from '../outbound.js';
import { callJson, numberField, type JsonRequest } from '../outbound-http.js';
import { feishuFailure, feishuTokenKey, issueFeishuToken } from './access-token.js';

export async function callFeishuApi(context: OutboundContext, what: string, url: string, method: JsonRequest['method'], body: unknown): Promise<Record<string, unknown>> {
  const appId = requiredCredential(context.credentials, 'appId', 'FEISHU_APP_ID');
  const appSecret = requiredCredential(context.credentials, 'appSecret', 'FEISHU_APP_SECRET');
  return withTokenRefresh(
    context.tokens,
    feishuTokenKey(appId),
    () => issueFeishuToken(context, appId, appSecret),
    async (token) => {
      const answer = await callJson(context.fetch, url, { method, headers: { authorization: `Bearer ${token}` }, body }, what);
      if (answer.status !== 200 || numberField(answer.body, 'code') !== 0) throw feishuFailure(what, answer);
      const data = answer.body?.data;
      return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
    },
  );
}
