/**
 * WeCom (企业微信) self-built app callback adapter.
 *
 *   GET  ?msg_signature&timestamp&nonce&echostr → URL verification (handshake.ts)
 *   POST ?msg_signature&timestamp&nonce, body <xml><ToUserName/><AgentID/><Encrypt/></xml>
 *        → envelope XML → signature over Encrypt → timestamp window → decrypt + ReceiveId == CorpID
 *        → plaintext XML → one domain event → HTTP 200, empty body (WeCom needs nothing more within 5 s).
 */
import type { AdapterContext, HttpReply, InboundAdapter, InboundOutcome, InboundRequest } from '../contract.js';
import { handleUrlVerification, PLAIN_TEXT } from './handshake.js';
import { parseEnvelope, parsePlaintext } from './parse.js';
import { decryptOrReject, readKeys, readSignedQuery, verifyFreshness, verifySignature } from './verify.js';

export const WECOM_ACK: HttpReply = { status: 200, contentType: PLAIN_TEXT, body: '' };

function handleCallback(request: InboundRequest, context: AdapterContext): InboundOutcome {
  const keys = readKeys(context.credentials);
  if ('kind' in keys) return keys;
  const signed = readSignedQuery(request.query);
  if ('kind' in signed) return signed;
  const envelope = parseEnvelope(request.rawBody);
  if ('kind' in envelope) return envelope;
  const badSignature = verifySignature(keys.token, signed, envelope.encrypt);
  if (badSignature) return badSignature;
  const stale = verifyFreshness(signed.timestamp, context.now);
  if (stale) return stale;
  const decrypted = decryptOrReject(envelope.encrypt, keys.encodingAesKey, keys.corpId);
  if ('kind' in decrypted) return decrypted;
  const events = parsePlaintext(decrypted.message);
  if ('kind' in events) return events;
  return { kind: 'events', events, reply: WECOM_ACK };
}

export const wecomAdapter: InboundAdapter = {
  platform: 'wecom',
  credentialKeys: {
    corpId: 'WECOM_CORP_ID',
    agentId: 'WECOM_AGENT_ID',
    secret: 'WECOM_SECRET',
    token: 'WECOM_TOKEN',
    encodingAesKey: 'WECOM_ENCODING_AES_KEY',
  },
  methods: ['GET', 'POST'],
  handleHttp(request, context) {
    if (request.method === 'GET') {
      const keys = readKeys(context.credentials);
      return 'kind' in keys ? keys : handleUrlVerification(request.query, keys, context.now);
    }
    return handleCallback(request, context);
  },
};

export { wecomSimulator } from './simulate.js';
