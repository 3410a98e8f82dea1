/**
 * Calls to api.dingtalk.com as the app (NOTES 2.4): the access token in `x-acs-dingtalk-access-token`,
 * refreshed once on InvalidAuthentication; and the robot's two send APIs, shared by replies and cards:
 * groupMessages/send for a group (openConversationId) and oToMessages/batchSend for one person (staffId).
 */
import { permanent, requiredCredential, withTokenRefresh, type OutboundContext, type SendResult } from '../outbound.js';
import { callJson, stringField, type JsonAnswer, type JsonRequest } from '../outbound-http.js';
import { DINGTALK_TOKEN_HEADER, dingtalkFailure, dingtalkTokenKey, issueDingtalkToken } from './access-token.js';

export const DINGTALK_GROUP_SEND_PATH = '/v1.0/robot/groupMessages/send';
export const DINGTALK_DIRECT_SEND_PATH = '/v1.0/robot/oToMessages/batchSend';

/** One robot message: a msgKey template and its parameters, to a group or to one person. */
export interface RobotMessage {
  msgKey: string;
  /** JSON string, as the robot APIs take it. */
  msgParam: string;
}

export type RobotTarget = { openConversationId: string } | { staffId: string };

/** A 200 answer of an api.dingtalk.com call made with the app's token; anything else becomes a PlatformError. */
export async function callDingtalkApi(context: OutboundContext, what: string, path: string, method: JsonRequest['method'], body: unknown): Promise<JsonAnswer> {
  const clientId = requiredCredential(context.credentials, 'clientId', 'DINGTALK_CLIENT_ID');
  const clientSecret = requiredCredential(context.credentials, 'clientSecret', 'DINGTALK_CLIENT_SECRET');
  return withTokenRefresh(
    context.tokens,
    dingtalkTokenKey(clientId),
    () => issueDingtalkToken(context, clientId, clientSecret),
    async (token) => {
      const answer = await callJson(context.fetch, `${context.baseUrls.dingtalk}${path}`, { method, headers: { [DINGTALK_TOKEN_HEADER]: token }, body }, what);
      if (answer.status !== 200) throw dingtalkFailure(what, answer);
      return answer;
    },
  );
}

/** For an internal app's robot the robotCode is the app key unless configured otherwise. */
export function robotCodeOf(context: OutboundContext, recipient: Record<string, string>): string {
  const { credentials } = context;
  return credentials.robotCode || recipient.robotCode || requiredCredential(credentials, 'clientId', 'DINGTALK_CLIENT_ID');
}

function listed(body: Record<string, unknown> | undefined, key: string, userId: string): boolean {
  const list = body?.[key];
  return Array.isArray(list) && list.includes(userId);
}

/** Sends `message` as the robot; the platform message id is the answer's processQueryKey. */
export async function postRobotMessage(context: OutboundContext, robotCode: string, target: RobotTarget, message: RobotMessage): Promise<SendResult> {
  const direct = 'staffId' in target;
  const path = direct ? DINGTALK_DIRECT_SEND_PATH : DINGTALK_GROUP_SEND_PATH;
  const body = direct
    ? { robotCode, userIds: [target.staffId], msgKey: message.msgKey, msgParam: message.msgParam }
    : { robotCode, openConversationId: target.openConversationId, msgKey: message.msgKey, msgParam: message.msgParam };
  const what = `DingTalk ${path}`;
  const answer = await callDingtalkApi(context, what, path, 'POST', body);
  if (direct && listed(answer.body, 'flowControlledStaffIdList', target.staffId)) throw dingtalkFailure(what, { ...answer, status: 429 });
  if (direct && listed(answer.body, 'invalidStaffIdList', target.staffId)) {
    throw permanent(`${what}: staffId ${target.staffId} is not valid for this robot (invalidStaffIdList)`);
  }
  const key = stringField(answer.body, 'processQueryKey');
  return key === undefined ? {} : { platformMessageId: key };
}
