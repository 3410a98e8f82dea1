/** An OutboundContext for sender contract tests: every platform's base URL on one local fake, real fetch, a fresh token cache. */
import type { OutboundContext, OutboundMessage } from '../../adapters/outbound.js';
import { PlatformError } from '../../src/errors.js';
import { MemoryTokenCache } from '../../src/store/token-cache.js';

export const SEND_NOW = new Date('2026-03-02T02:00:00.000Z');

export function outboundContext(baseUrl: string, credentials: Record<string, string>, overrides: Partial<OutboundContext> = {}): OutboundContext {
  return {
    credentials,
    baseUrls: { feishu: baseUrl, dingtalk: baseUrl, dingtalkOapi: baseUrl, wecom: baseUrl },
    fetch: globalThis.fetch,
    tokens: new MemoryTokenCache(() => SEND_NOW.getTime()).forTenant('acme'),
    now: SEND_NOW,
    ...overrides,
  };
}

export function replyMessage(recipient: Record<string, string>, text = '已记录\nLogged', id = '7d0c7a52-3f0a-4a57-9d55-1f4f6f0c0a01'): OutboundMessage {
  return { id, kind: 'reply', recipient, payload: { text, textZh: text.split('\n')[0], textEn: text.split('\n')[1] } };
}

/** The PlatformError a send rejected with (fails the test when it resolved or threw something else). */
export async function platformErrorOf(sending: Promise<unknown>): Promise<PlatformError> {
  try {
    await sending;
  } catch (error) {
    if (error instanceof PlatformError) return error;
    throw error;
  }
  throw new Error('expected the send to fail with a PlatformError, but it succeeded');
}
