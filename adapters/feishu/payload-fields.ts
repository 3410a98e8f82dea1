/**
 * Small, total readers for untrusted Feishu JSON: they never throw, they answer `undefined` when a
 * field is absent or of the wrong type, so parse.ts can name the missing field in a 400.
 */
import type { PlatformPerson } from '../../src/core/events.js';
import { reject, type Rejection } from '../contract.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, key: string): JsonObject | undefined {
  if (!isObject(value)) return undefined;
  const found = value[key];
  return isObject(found) ? found : undefined;
}

/** A non-empty string field; numbers are accepted and stringified (Feishu mixes both for times). */
export function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const found = value[key];
  if (typeof found === 'string' && found !== '') return found;
  if (typeof found === 'number' && Number.isFinite(found)) return String(found);
  return undefined;
}

/** The id types Feishu uses for a person; the tenant_key next to them is not an id. */
const personIdTypes = ['open_id', 'user_id', 'union_id'] as const;

/** Every id type present in a Feishu id object (`{open_id, user_id, union_id}`), skipping empty and null ones. */
export function personIds(idObject: unknown): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const idType of personIdTypes) {
    const value = stringAt(idObject, idType);
    if (value !== undefined) ids[idType] = value;
  }
  return ids;
}

/**
 * A person from a Feishu id object. `external` is true when the person's tenant differs from the app's
 * tenant (a user of another Feishu organisation, typically the customer side of an external chat).
 */
export function person(idObject: unknown, personTenantKey: string | undefined, appTenantKey: string | undefined): PlatformPerson {
  const external = personTenantKey !== undefined && appTenantKey !== undefined && personTenantKey !== appTenantKey;
  return { ids: personIds(idObject), external };
}

/** Epoch values from 1e11 upwards are milliseconds, from 1e14 upwards microseconds (card callbacks' create_time). */
const MILLISECONDS_FROM = 1e11;
const MICROSECONDS_FROM = 1e14;

/**
 * An epoch time string/number as ISO-8601. Feishu uses seconds (meeting times, v1 `ts`), milliseconds
 * (event and message create_time) and microseconds (card callback create_time); the magnitude tells them apart.
 */
export function epochToIso(value: string | undefined): string | undefined {
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value)) return undefined;
  const n = Number(value);
  const ms = n >= MICROSECONDS_FROM ? n / 1000 : n >= MILLISECONDS_FROM ? n : n * 1000;
  const date = new Date(Math.floor(ms));
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** 400 missing_field naming the JSON path that was absent or of the wrong type. */
export function missingField(path: string): Rejection {
  return reject(400, 'missing_field', `required field ${path} is missing or empty`, `缺少必填字段 ${path}`);
}
