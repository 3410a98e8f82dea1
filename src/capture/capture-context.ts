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
export function eventTime(iso: string | undefined, fallback: Date): Date {
  if (!iso) return fallback;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? fallback : at;
}
