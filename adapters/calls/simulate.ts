/**
 * Plays a call-centre system: signs a recorded call record (JSON) exactly as a sender must,
 * over the file's bytes as they are, with `now` as X-Salesbeat-Timestamp.
 */
import type { InboundRequest } from '../contract.js';
import type { PlatformSimulator } from '../simulator.js';
import { callsSignature, SIGNATURE_HEADER, SIGNATURE_SCHEME, TIMESTAMP_HEADER } from './verify.js';

function looksLikeCallRecord(content: string): boolean {
  try {
    const parsed = JSON.parse(content) as unknown;
    return typeof parsed === 'object' && parsed !== null && 'call_id' in parsed && 'customer_phone' in parsed;
  } catch {
    return false;
  }
}

/** The signed POST for `rawBody`. */
export function signedCallRequest(rawBody: Buffer, secret: string, now: Date): InboundRequest {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  return {
    method: 'POST',
    query: {},
    headers: {
      'content-type': 'application/json',
      [TIMESTAMP_HEADER]: timestamp,
      [SIGNATURE_HEADER]: `${SIGNATURE_SCHEME}=${callsSignature(secret, timestamp, rawBody)}`,
    },
    rawBody,
  };
}

export const callsSimulator: PlatformSimulator = {
  platform: 'calls',
  recognises: looksLikeCallRecord,
  toRequest(content, credentials, now) {
    const secret = credentials['webhookSecret'];
    if (!secret) return { skip: 'tenant has no CALLS_WEBHOOK_SECRET configured' };
    return signedCallRequest(Buffer.from(content, 'utf8'), secret, now);
  },
};
