/** Loads the shared Feishu vectors and recorded payloads AS DATA, plus request builders for the tests. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InboundRequest } from '../../../adapters/contract.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const sharedDir = path.resolve(projectRoot, '../shared');
export const payloadDir = (platform: string) => path.join(sharedDir, 'data/payloads', platform);

interface Vector {
  name: string;
  inputs: Record<string, any>;
  expected: Record<string, any>;
}

const vectorFile = JSON.parse(readFileSync(path.join(sharedDir, 'protocols/vectors/feishu.json'), 'utf8')) as { vectors: Vector[] };

export function vector(name: string): Vector {
  const found = vectorFile.vectors.find((v) => v.name === name);
  if (!found) throw new Error(`vector ${name} not in feishu.json`);
  return found;
}

export function payloadFiles(platform = 'feishu'): string[] {
  return readdirSync(payloadDir(platform)).sort();
}

export function payloadText(file: string, platform = 'feishu'): string {
  return readFileSync(path.join(payloadDir(platform), file), 'utf8');
}

/** The clock in every test: 30 s after the vectors' X-Lark-Request-Timestamp 1700000000. */
export const VECTOR_TIMESTAMP = '1700000000';
export const NOW = new Date((Number(VECTOR_TIMESTAMP) + 30) * 1000);

export function postRequest(rawBody: string | Buffer, headers: Record<string, string> = {}): InboundRequest {
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    method: 'POST',
    query: {},
    headers: { 'content-type': 'application/json', ...lower },
    rawBody: Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8'),
  };
}

/** Independent sha256 signing with node:crypto, for requests the tests build themselves (not the adapter's code). */
export function signedHeaders(rawBody: string, encryptKey: string, timestamp = VECTOR_TIMESTAMP, nonce = 'nonce-1'): Record<string, string> {
  const signature = createHash('sha256').update(timestamp + nonce + encryptKey + rawBody).digest('hex');
  return { 'X-Lark-Request-Timestamp': timestamp, 'X-Lark-Request-Nonce': nonce, 'X-Lark-Signature': signature };
}

/** Minimal protobuf reader for the pbbp2.Frame in the ws vector: headers (field 5) and payload (field 8). */
export function decodeFrame(hex: string): { headers: Record<string, string>; payload: Buffer } {
  const fields = (buf: Buffer) => {
    const out: Array<{ field: number; bytes?: Buffer }> = [];
    let i = 0;
    const varint = () => {
      let value = 0;
      let shift = 0;
      for (;;) {
        const byte = buf[i++]!;
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
        if (byte < 0x80) return value;
      }
    };
    while (i < buf.length) {
      const tag = varint();
      const wire = tag & 7;
      if (wire === 0) {
        varint();
        out.push({ field: tag >> 3 });
      } else if (wire === 2) {
        const length = varint();
        out.push({ field: tag >> 3, bytes: buf.subarray(i, i + length) });
        i += length;
      } else throw new Error(`unexpected wire type ${wire}`);
    }
    return out;
  };
  const top = fields(Buffer.from(hex, 'hex'));
  const headers: Record<string, string> = {};
  for (const h of top.filter((f) => f.field === 5)) {
    const kv = fields(h.bytes!);
    headers[kv.find((f) => f.field === 1)!.bytes!.toString('utf8')] = kv.find((f) => f.field === 2)!.bytes!.toString('utf8');
  }
  return { headers, payload: top.find((f) => f.field === 8)?.bytes ?? Buffer.alloc(0) };
}
