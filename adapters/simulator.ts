/**
 * The shape every platform's simulator implements: turn a recorded vendor payload file into exactly the
 * request the platform would send to our webhook (tokens, encryption, signature headers), so the real
 * inbound pipeline can be exercised end to end without the platform.
 */
import type { Platform } from '../src/core/events.js';
import type { InboundRequest } from './contract.js';

export interface PlatformSimulator {
  platform: Platform;
  /** true when `content` (a recorded payload file's text) belongs to this platform. */
  recognises(content: string): boolean;
  /** The request the platform would send for `content`, or why this file is not an inbound request. */
  toRequest(content: string, credentials: Record<string, string>, now: Date): InboundRequest | { skip: string };
}
