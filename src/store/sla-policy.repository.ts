import { eq } from 'drizzle-orm';
import { defaultSlaPolicy, type SlaPolicy, type StoredSlaPolicy } from '../core/rules/sla-policy.rule.js';
import type { Db } from './db.js';
import { slaPolicies } from './schema/index.js';

/** Every SLA policy the tenant has, one per lead class (steps as stored: check them with slaPolicyProblems). */
export async function listSlaPolicies(db: Db, tenantId: string): Promise<StoredSlaPolicy[]> {
  return db
    .select({ leadClass: slaPolicies.leadClass, steps: slaPolicies.steps, escalateAfterWorkingHours: slaPolicies.escalateAfterWorkingHours })
    .from(slaPolicies)
    .where(eq(slaPolicies.tenantId, tenantId));
}

/** Creates or replaces the tenant's policy for one lead class. */
export async function saveSlaPolicy(db: Db, tenantId: string, policy: SlaPolicy): Promise<void> {
  const values = { steps: policy.steps, escalateAfterWorkingHours: policy.escalateAfterWorkingHours };
  await db
    .insert(slaPolicies)
    .values({ tenantId, leadClass: policy.leadClass, ...values })
    .onConflictDoUpdate({ target: [slaPolicies.tenantId, slaPolicies.leadClass], set: { ...values, updatedAt: new Date() } });
}

/**
 * Writes the built-in default policy for the default lead class unless the tenant already has one, so an
 * admin finds (and can edit) the ladder that is being applied. Safe to race: the loser inserts nothing.
 */
export async function seedDefaultSlaPolicy(db: Db, tenantId: string): Promise<StoredSlaPolicy> {
  const policy = defaultSlaPolicy();
  await db
    .insert(slaPolicies)
    .values({ tenantId, leadClass: policy.leadClass, steps: policy.steps, escalateAfterWorkingHours: policy.escalateAfterWorkingHours })
    .onConflictDoNothing({ target: [slaPolicies.tenantId, slaPolicies.leadClass] });
  return policy;
}
