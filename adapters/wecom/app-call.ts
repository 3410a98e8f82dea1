/** One WeCom app API call (NOTES 3.3): the app's access_token in the query (refreshed once on an expiry errcode), JSON in, errcode 0 out. */
import { permanent, requiredCredential, withTokenRefresh, type OutboundContext } from '../outbound.js';
import { callJson, numberField, stringField } from '../outbound-http.js';
import { issueWecomToken, wecomFailure, wecomTokenKey } from './access-token.js';

/** The app's agent id, from the tenant's credentials (or the inbound message's AgentID for a reply). */
export function wecomAgentId(credentials: Record<string, string>, recipient: Record<string, string>): number {
  const raw = credentials.agentId || recipient.agentid;
  if (!raw) throw permanent('WECOM_AGENT_ID is not configured for this tenant');
  const agentId = Number(raw);
  if (!Number.isInteger(agentId)) throw permanent(`WeCom agent id "${raw}" is not a number`);
  return agentId;
}

/** The errcode-0 answer of POST `path`; WeCom errors become PlatformErrors. */
export async function callWecomApi(context: OutboundContext, agentId: number, what: string, path: string, body: unknown): Promise<Record<string, unknown>> {
  const corpId = requiredCredential(context.credentials, 'corpId', 'WECOM_CORP_ID');
  const secret = requiredCredential(context.credentials, 'secret', 'WECOM_SECRET');
  return withTokenRefresh(
    context.tokens,
    wecomTokenKey(corpId, String(agentId)),
    () => issueWecomToken(context, corpId, secret),
    async (token) => {
      const url = `${context.baseUrls.wecom}${path}?${new URLSearchParams({ access_token: token }).toString()}`;
      const answer = await callJson(context.fetch, url, { method: 'POST', body }, what);
      if (answer.status !== 200 || numberField(answer.body, 'errcode') !== 0) throw wecomFailure(what, answer);
      return answer.body ?? {};
    },
  );
}

/** `invaliduser` as message/send gives it ("a|b") or as a list (update_template_card). */
function invalidUsers(answer: Record<string, unknown>): string[] {
  const value = answer.invaliduser;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return stringField(answer, 'invaliduser')?.split('|') ?? [];
}

/**
 * A member WeCom did not deliver to (no permission, left the company) comes back in `invaliduser`, with the
 * call itself a success; WeCom lower-cases the user ids it returns [D path/90236], so compare without case.
 */
export function assertDelivered(what: string, answer: Record<string, unknown>, userid: string): void {
  if (invalidUsers(answer).some((u) => u.toLowerCase() === userid.toLowerCase())) {
    throw permanent(`${what}: WeCom did not deliver to ${userid} (invaliduser)`);
  }
}
