import { and, eq } from 'drizzle-orm';
import type { Db } from './db.js';
import { salesActions, type SalesActionKind } from './schema/index.js';

export interface NewSalesAction {
  tenantId: string;
  kind: SalesActionKind;
  occurredAt: Date;
  actorId: string | null;
  customerId: string | null;
  contactId: string | null;
  leadId: string | null;
  dealId: string | null;
  channel: 'group_chat' | 'direct_chat' | 'meeting' | 'phone' | 'bot_log' | 'crm_import';
  platform: string;
  direction: 'rep' | 'customer';
  summary: string | null;
  keywords: string[];
  durationSeconds?: number | null;
  inboxEventId: string | null;
  /** Idempotency key: recording the same source twice keeps the first row. */
  sourceRef: string;
}

/** Inserts the action unless one with the same source_ref exists; says which happened. */
export async function recordSalesAction(db: Db, action: NewSalesAction): Promise<{ id: string; created: boolean }> {
  const inserted = await db
    .insert(salesActions)
    .values({ ...action, durationSeconds: action.durationSeconds ?? null })
    .onConflictDoNothing({ target: [salesActions.tenantId, salesActions.sourceRef] })
    .returning({ id: salesActions.id });
  if (inserted[0]) return { id: inserted[0].id, created: true };
  const existing = await db
    .select({ id: salesActions.id })
    .from(salesActions)
    .where(and(eq(salesActions.tenantId, action.tenantId), eq(salesActions.sourceRef, action.sourceRef)))
    .limit(1);
  return { id: existing[0]!.id, created: false };
}
