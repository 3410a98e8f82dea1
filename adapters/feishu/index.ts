/**
 * The Feishu (Lark) webhook adapter. Verify before decrypt wherever Feishu signs:
 *   plain body:      JSON → url_verification? → signature gate (sha1 legacy card | sha256) → token → parse
 *   `{encrypt}` body: JSON → sha256 signature (when sent) → decrypt → url_verification? (the only request
 *                    Feishu sends unsigned) → otherwise a signature was required → token → parse
 * Events are answered with `{}`.
 */
import { reject, type AdapterContext, type HttpReply, type InboundAdapter, type InboundOutcome, type InboundRequest } from '../contract.js';
import { checkPlainSignature, checkToken, feishuSecrets, notConfigured, type FeishuSecrets } from './authenticate.js';
import { openFeishuBody, parseObject } from './decrypt.js';
import { feishuEnvelope, type FeishuEnvelope } from './envelope.js';
import { answerUrlVerification } from './handshake.js';
import { parseFeishuPayload } from './parse.js';
import type { JsonObject } from './payload-fields.js';
import { missingSignature, SIGNATURE_HEADER, verifyFeishuSignature } from './verify.js';

/** Events and card callbacks alike get `{}` (a card callback may later answer with a toast). */
const EVENT_REPLY: HttpReply = { status: 200, contentType: 'application/json; charset=utf-8', body: '{}' };

function bodyText(rawBody: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(rawBody);
  } catch {
    return undefined;
  }
}

function toEvents(payload: JsonObject, raw: string, envelope: FeishuEnvelope, secrets: FeishuSecrets, now: Date): InboundOutcome {
  const badToken = checkToken(payload, envelope, secrets.verificationToken);
  if (badToken !== undefined) return badToken;
  const result = parseFeishuPayload(payload, raw, now);
  if (result.kind === 'rejected') return result;
  return { kind: 'events', events: [result.event], reply: EVENT_REPLY };
}

function handleEncrypted(request: InboundRequest, body: JsonObject, text: string, secrets: FeishuSecrets, now: Date): InboundOutcome {
  const { encryptKey } = secrets;
  if (encryptKey === undefined) return notConfigured('a Feishu Encrypt Key (the event is encrypted)', '飞书 Encrypt Key（事件已加密）');
  const signed = request.headers[SIGNATURE_HEADER] !== undefined;
  if (signed) {
    const refused = verifyFeishuSignature(request, 'sha256', encryptKey, now);
    if (refused !== undefined) return refused;
  }
  const opened = openFeishuBody(body, text, encryptKey);
  if ('kind' in opened) return opened;
  const envelope = feishuEnvelope(opened.payload);
  if (envelope === 'url_verification') return answerUrlVerification(opened.payload, secrets.verificationToken);
  // Anything but the handshake is signed by Feishu.
  if (!signed) return missingSignature();
  return toEvents(opened.payload, opened.raw, envelope, secrets, now);
}

function handlePlain(request: InboundRequest, payload: JsonObject, text: string, secrets: FeishuSecrets, now: Date): InboundOutcome {
  const envelope = feishuEnvelope(payload);
  // Feishu sends the handshake without signature headers, so it is answered before the signature gate.
  if (envelope === 'url_verification') return answerUrlVerification(payload, secrets.verificationToken);
  const refused = checkPlainSignature(request, envelope, secrets, now);
  if (refused !== undefined) return refused;
  return toEvents(payload, text, envelope, secrets, now);
}

function handleHttp(request: InboundRequest, { credentials, now }: AdapterContext): InboundOutcome {
  const secrets = feishuSecrets(credentials);
  const text = bodyText(request.rawBody);
  const body = text === undefined ? undefined : parseObject(text);
  if (text === undefined || body === undefined) {
    return reject(400, 'malformed_body', 'the body is not a UTF-8 JSON object', '请求体不是 UTF-8 编码的 JSON 对象');
  }
  return 'encrypt' in body ? handleEncrypted(request, body, text, secrets, now) : handlePlain(request, body, text, secrets, now);
}

export const feishuAdapter: InboundAdapter = {
  platform: 'feishu',
  credentialKeys: {
    appId: 'FEISHU_APP_ID',
    appSecret: 'FEISHU_APP_SECRET',
    encryptKey: 'FEISHU_ENCRYPT_KEY',
    verificationToken: 'FEISHU_VERIFICATION_TOKEN',
  },
  methods: ['POST'],
  handleHttp,
};
