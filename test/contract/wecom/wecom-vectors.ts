/** Loads the published WeCom vectors and recorded payloads from ../shared AS DATA (never recomputed here). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AdapterContext, InboundRequest } from '../../../adapters/contract.js';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const sharedRoot = path.resolve(projectRoot, '../shared');
export const payloadDir = path.join(sharedRoot, 'data/payloads/wecom');

export interface WecomVector {
  name: string;
  kind: 'verify_url' | 'decrypt_msg' | 'encrypt';
  inputs: Record<string, unknown> & {
    token?: string;
    encoding_aes_key: string;
    receive_id: string;
    msg_signature?: string;
    timestamp?: string;
    nonce?: string;
  };
  expected: Record<string, unknown>;
}

const vectorFile = JSON.parse(readFileSync(path.join(sharedRoot, 'protocols/vectors/wecom.json'), 'utf8')) as { vectors: WecomVector[] };

export function vector(name: string): WecomVector {
  const found = vectorFile.vectors.find((v) => v.name === name);
  if (!found) throw new Error(`vector ${name} not found in wecom.json`);
  return found;
}

export const allVectorNames = vectorFile.vectors.map((v) => v.name);

export function str(record: Record<string, unknown>, key: string): string {
  const value = record[key];
  if (typeof value !== 'string') throw new Error(`${key} is not a string in the vector`);
  return value;
}

/** The tenant credentials a vector implies. */
export function credentialsOf(v: WecomVector): Record<string, string> {
  return { corpId: v.inputs.receive_id, token: v.inputs.token ?? '', encodingAesKey: v.inputs.encoding_aes_key };
}

/** The clock set to the vector's own timestamp, so its (old) timestamp is fresh. */
export function contextAt(credentials: Record<string, string>, timestamp: string, offsetMs = 0): AdapterContext {
  return { credentials, now: new Date(Number(timestamp) * 1000 + offsetMs) };
}

export function post(query: Record<string, string>, body: string): InboundRequest {
  return { method: 'POST', query, headers: { 'content-type': 'text/xml' }, rawBody: Buffer.from(body, 'utf8') };
}

export function get(query: Record<string, string>): InboundRequest {
  return { method: 'GET', query, headers: {}, rawBody: Buffer.alloc(0) };
}

export function payloadFiles(): string[] {
  return readdirSync(payloadDir).sort();
}

export function readPayload(file: string): string {
  return readFileSync(path.join(payloadDir, file), 'utf8');
}
