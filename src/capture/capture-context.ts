import type { Db } from '../store/db.js';

/** What every capture step needs to know about the inbox event it is working on. */
export interface CaptureContext {
  db: Db;
  tenantId: string;
  /** The inbox row's id: replies and audit entries are keyed on it, actions keep it as provenance. */
  inboxId: string;
  platform: string;
  now: Date;
}

/** A platform timestamp as a Date; a missing or unreadable one falls back to the processing time rather than failing the event. */
/** How far ahead of our clock a platform's timestamp may be (clock skew) before it is not believed. */
export const FUTURE_TIMESTAMP_TOLERANCE_MS = 5 * 60_000;

/**
 * The instant an event says it happened, or `fallback` when it says nothing usable: missing, unparseable,
 * or in the future (a wrong or forged timestamp must not put an action ahead of everything else).
 */
export function eventTime(iso: string | undefined, fallback: Date): Date {
  if (!iso) return fallback;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return fallback;
  return at.getTime() > fallback.getTime() + FUTURE_TIMESTAMP_TOLERANCE_MS ? fallback : at;
}
