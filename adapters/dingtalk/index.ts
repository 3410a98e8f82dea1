/**
 * DingTalk inbound over HTTP. One route, two request shapes told apart by what they carry:
 *  a) event subscription callback — query `signature|msg_signature` + body `{"encrypt": …}`:
 *     verify → decrypt → owner key = clientId → check_url handshake or events; every reply is the encrypted "success";
 *  b) robot message callback (the bot's 消息接收地址) — headers `timestamp` + `sign`, body = robot message JSON:
 *     verify → parse → reply 200 `{}`.
 * The Stream transport (stream-client.ts) feeds the same parse functions through stream-frame.ts.
 */
import { reject, type AdapterContext, type InboundAdapter, type InboundOutcome, type InboundRequest } from '../contract.js';
import { decryptMessage } from './crypto.js';
import { defaultReplyEntropy, isHandshakeEventType, successReply, type CallbackKeys, type ReplyEntropy } from './handshake.js';
import { parseCallbackPlaintext, parseJsonObject, parseRobotMessage } from './parse.js';
import { constantTimeEqual, hasCallbackSignature, readCallbackQuery, verifyCallback, verifyRobotSign } from './verify.js';

export const dingtalkCredentialKeys = {
  clientId: 'DINGTALK_CLIENT_ID',
  clientSecret: 'DINGTALK_CLIENT_SECRET',
  robotCode: 'DINGTALK_ROBOT_CODE',
  callbackToken: 'DINGTALK_CALLBACK_TOKEN',
  callbackAesKey: 'DINGTALK_CALLBACK_AES_KEY',
} as const;

const ROBOT_REPLY = { status: 200, contentType: 'application/json; charset=utf-8', body: '{}' } as const;

function notConfigured(keys: Array<keyof typeof dingtalkCredentialKeys>): InboundOutcome {
  const names = keys.map((k) => dingtalkCredentialKeys[k]).join(', ');
  return reject(404, 'not_configured', `this tenant has no ${names} configured`, `该租户未配置 ${names}`);
}

function missingKeys(
  credentials: Record<string, string>,
  keys: Array<keyof typeof dingtalkCredentialKeys>,
): Array<keyof typeof dingtalkCredentialKeys> {
  return keys.filter((k) => !credentials[k]);
}

function handleEventCallback(request: InboundRequest, context: AdapterContext, entropy: ReplyEntropy): InboundOutcome {
  const absent = missingKeys(context.credentials, ['callbackToken', 'callbackAesKey', 'clientId']);
  if (absent.length > 0) return notConfigured(absent);
  const keys: CallbackKeys = {
    token: context.credentials.callbackToken!,
    aesKey: context.credentials.callbackAesKey!,
    ownerKey: context.credentials.clientId!,
  };
  const query = readCallbackQuery(request.query);
  if ('kind' in query) return query;
  const parsedBody = parseJsonObject(request.rawBody.toString('utf8'), 'DingTalk callback body');
  if (!parsedBody.ok) return parsedBody.rejection;
  const body = parsedBody.json;
  if (typeof body.encrypt !== 'string' || body.encrypt === '') {
    return reject(400, 'missing_field', 'callback body field encrypt is missing', '回调请求体缺少 encrypt 字段');
  }
  const rejection = verifyCallback(query, body.encrypt, keys.token, context.now);
  if (rejection) return rejection;
  const decrypted = decryptMessage(body.encrypt, keys.aesKey);
  if (!decrypted.ok) {
    return reject(400, 'decrypt_failed', `callback could not be decrypted (${decrypted.reason})`, `回调解密失败（${decrypted.reason}）`);
  }
  if (!constantTimeEqual(decrypted.ownerKey, keys.ownerKey)) {
    return reject(401, 'wrong_receive_id', 'callback was encrypted for another app (owner key is not this clientId)', '回调的归属 key 与本应用 clientId 不一致');
  }
  const reply = successReply(keys, context.now, entropy);
  const payload = parseJsonObject(decrypted.plaintext, 'DingTalk event callback');
  if (payload.ok && isHandshakeEventType(payload.json.EventType)) return { kind: 'handshake', reply };
  const parsed = parseCallbackPlaintext(decrypted.plaintext, context.now);
  if ('kind' in parsed) return parsed;
  return { kind: 'events', events: parsed.events, reply };
}

function handleRobotCallback(request: InboundRequest, context: AdapterContext): InboundOutcome {
  const absent = missingKeys(context.credentials, ['clientSecret']);
  if (absent.length > 0) return notConfigured(absent);
  const rejection = verifyRobotSign(request.headers, context.credentials.clientSecret!, context.now);
  if (rejection) return rejection;
  const parsed = parseRobotMessage(request.rawBody.toString('utf8'), context.now);
  if ('kind' in parsed) return parsed;
  return { kind: 'events', events: parsed.events, reply: { ...ROBOT_REPLY } };
}

/** `entropy` is injectable so tests can compare the encrypted reply byte for byte with the published vector. */
export function createDingtalkAdapter(entropy: ReplyEntropy = defaultReplyEntropy): InboundAdapter {
  return {
    platform: 'dingtalk',
    credentialKeys: { ...dingtalkCredentialKeys },
    methods: ['POST'],
    handleHttp(request, context) {
      if (hasCallbackSignature(request.query)) return handleEventCallback(request, context, entropy);
      if (request.headers.sign !== undefined || request.headers.timestamp !== undefined) {
        return handleRobotCallback(request, context);
      }
      return reject(
        401,
        'missing_signature',
        'neither an event-callback signature (query signature) nor a robot sign header is present',
        '既没有事件回调签名（查询参数 signature），也没有机器人回调签名（请求头 sign）',
      );
    },
  };
}

export const dingtalkAdapter: InboundAdapter = createDingtalkAdapter();
