/**
 * The HTTP half of DingTalk Stream: POST {baseUrl}/v1.0/gateway/connections/open → {endpoint, ticket}.
 * The ticket is valid ~90 s for one connection, so every (re)connect asks for a new one.
 * Uses node:http(s) with `agent: false` so no keep-alive socket outlives the call, and the request can be aborted.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { networkInterfaces } from 'node:os';
import { CARD_CALLBACK_TOPIC, ROBOT_MESSAGE_TOPIC } from './parse.js';

export const OPEN_CONNECTION_PATH = '/v1.0/gateway/connections/open';
export const OPEN_TIMEOUT_MS = 10_000;
const CLIENT_UA = 'salesbeat-dingtalk-stream/0.1';
const ERROR_BODY_CHARS = 200;

export const STREAM_SUBSCRIPTIONS = [
  { type: 'EVENT', topic: '*' },
  { type: 'CALLBACK', topic: ROBOT_MESSAGE_TOPIC },
  { type: 'CALLBACK', topic: CARD_CALLBACK_TOPIC },
] as const;

export interface GatewayTicket {
  endpoint: string;
  ticket: string;
}

function localIp(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return '127.0.0.1';
}

/** Asks the gateway for a connection; aborting `signal` destroys the request. */
export function openGatewayConnection(
  baseUrl: string,
  clientId: string,
  clientSecret: string,
  signal: AbortSignal,
): Promise<GatewayTicket> {
  const url = new URL(`${baseUrl}${OPEN_CONNECTION_PATH}`);
  const body = JSON.stringify({ clientId, clientSecret, subscriptions: STREAM_SUBSCRIPTIONS, ua: CLIENT_UA, localIp: localIp() });
  const send = url.protocol === 'http:' ? httpRequest : httpsRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, {
      method: 'POST',
      agent: false,
      signal,
      timeout: OPEN_TIMEOUT_MS,
      headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body) },
    });
    req.on('timeout', () => req.destroy(new Error(`gateway did not answer within ${OPEN_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (!res.statusCode || res.statusCode < 200 || res.statusCode >= 300) {
          reject(new Error(`connections/open answered HTTP ${res.statusCode}: ${text.slice(0, ERROR_BODY_CHARS)}`));
          return;
        }
        try {
          const parsed = JSON.parse(text) as { endpoint?: unknown; ticket?: unknown };
          if (typeof parsed.endpoint === 'string' && typeof parsed.ticket === 'string') {
            resolve({ endpoint: parsed.endpoint, ticket: parsed.ticket });
            return;
          }
        } catch {
          // fall through to the rejection below
        }
        reject(new Error('connections/open answer has no endpoint/ticket'));
      });
    });
    req.end(body);
  });
}
