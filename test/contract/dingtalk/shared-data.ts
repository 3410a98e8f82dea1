/** Read-only reference data for the DingTalk contract tests: ../shared from the project root, loaded as data. */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const sharedDir = path.resolve(projectRoot, '../shared');
export const payloadDir = path.join(sharedDir, 'data/payloads/dingtalk');

export interface Vector {
  name: string;
  kind: string;
  inputs: Record<string, unknown>;
  expected: Record<string, unknown>;
}

const vectors = (JSON.parse(readFileSync(path.join(sharedDir, 'protocols/vectors/dingtalk.json'), 'utf8')) as { vectors: Vector[] })
  .vectors;

export function vector(name: string): Vector {
  const found = vectors.find((v) => v.name === name);
  if (!found) throw new Error(`vector ${name} not found in dingtalk.json`);
  return found;
}

export function vectorsOfKind(kind: string): Vector[] {
  return vectors.filter((v) => v.kind === kind);
}

export function payloadFiles(): string[] {
  return readdirSync(payloadDir).filter((f) => f.endsWith('.json')).sort();
}

export function readPayload(file: string): string {
  return readFileSync(path.join(payloadDir, file), 'utf8');
}
