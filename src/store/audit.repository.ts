import { and, eq, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { auditLog } from './schema/index.js';

export interface AuditEntry {
  tenantId: string;
  at: Date;
  actorType: 'user' | 'system' | 'platform' | 'import';
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  detail: Record<string, unknown>;
}

/** Appends one entry. The audit log is append-only: there is no update or delete here, and the database refuses both. */
export async function appendAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}

/**
 * Appends the entry unless this inbox event already wrote the same action on the same subject, so
 * processing an event twice leaves one entry. The key is `detail.inboxEventId`.
 */
export async function appendAuditOnce(db: Db, entry: AuditEntry & { detail: { inboxEventId: string } }): Promise<boolean> {
  const subject = entry.subjectId === null ? sql`${auditLog.subjectId} is null` : eq(auditLog.subjectId, entry.subjectId);
  const existing = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.tenantId, entry.tenantId),
        eq(auditLog.subjectType, entry.subjectType),
        subject,
        eq(auditLog.action, entry.action),
        sql`${auditLog.detail} ->> 'inboxEventId' = ${entry.detail.inboxEventId}`,
      ),
    )
    .limit(1);
  if (existing.length > 0) return false;
  await appendAudit(db, entry);
  return true;
}
