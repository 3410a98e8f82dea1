/** An OutboundContext for sender contract tests: every platform's base URL on one local fake, real fetch, a fresh token cache. */
import type { CardPayload, OutboundContext, OutboundMessage } from '../../adapters/outbound.js';
import { PlatformError } from '../../src/errors.js';
import { consoleCardLinks } from '../../src/outbound/card-links.js';
import { MemoryTokenCache } from '../../src/store/token-cache.js';

export const SEND_NOW = new Date('2026-03-02T02:00:00.000Z');
/** The service's public URL in sender tests: card links point under it. */
export const PUBLIC_URL = 'https://salesbeat.example.com';

export function outboundContext(baseUrl: string, credentials: Record<string, string>, overrides: Partial<OutboundContext> = {}): OutboundContext {
  return {
    credentials,
    baseUrls: { feishu: baseUrl, dingtalk: baseUrl, dingtalkOapi: baseUrl, wecom: baseUrl },
    fetch: globalThis.fetch,
    tokens: new MemoryTokenCache(() => SEND_NOW.getTime()).forTenant('acme'),
    now: SEND_NOW,
    cardLinks: consoleCardLinks(PUBLIC_URL, 'acme'),
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

export function cardMessage(recipient: Record<string, string>, payload: CardPayload, id = '7d0c7a52-3f0a-4a57-9d55-1f4f6f0c0a01'): OutboundMessage {
  return { id, kind: 'card', recipient, payload: { ...payload } };
}
