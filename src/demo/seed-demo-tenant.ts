import { sql } from 'drizzle-orm';
import type { Db } from '../store/db.js';
import { allCredentials, findTenant, saveCredentials, upsertTenant } from '../store/tenant.repository.js';
import type { ImportReport } from '../import/import-report.js';
import { MAVEN_CRM_FOLDER } from '../import/maven-crm-folder.js';
import { importMavenCrm } from '../import/maven-crm-import.js';
import { DEMO_CREDENTIALS } from './demo-credentials.js';
import { seedDemoPeople } from './seed-demo-people.js';

export const DEMO_TENANT_ID = 'demo';
export const DEMO_TENANT_NAME = '演示公司 Demo Co.';
/** The Maven dataset is in US dollars: the demo tenant's amounts are US cents. */
export const DEMO_CURRENCY = 'USD';

/** Serialises concurrent seeders (two processes starting with --demo at once). Any fixed number works. */
const DEMO_SEED_LOCK_KEY = 7_240_302;

export interface DemoTenant {
  tenantId: typeof DEMO_TENANT_ID;
  /** false when the demo tenant had already been seeded: nothing was written. */
  created: boolean;
  /** Per platform, the keys each adapter expects (appId, clientSecret, encodingAesKey, webhookSecret, ...). */
  credentials: Record<string, Record<string, string>>;
  /** The Maven import's report, when this call ran it. */
  importReport?: ImportReport;
}

export interface SeedDemoOptions {
  /** Folder of the Maven CSV files; default data/maven-crm. */
  folder?: string;
}

/**
 * Creates the demo tenant once: the Maven CRM dataset, random platform credentials (a platform that already has
 * credentials keeps them), and the demo team whose ids match the recorded payloads. All in one transaction, so a
 * crash leaves either nothing or everything; later calls only read the credentials back.
 */
export async function seedDemoTenant(db: Db, now: Date, options: SeedDemoOptions = {}): Promise<DemoTenant> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${DEMO_SEED_LOCK_KEY})`);
    const existing = await findTenant(tx, DEMO_TENANT_ID);
    if (existing?.settings.demoSeededAt) {
      if (existing.settings.outboundDelivery !== 'console') {
        await upsertTenant(tx, { id: DEMO_TENANT_ID, name: DEMO_TENANT_NAME, settings: { ...existing.settings, outboundDelivery: 'console' } });
      }
      return { tenantId: DEMO_TENANT_ID, created: false, credentials: await allCredentials(tx, DEMO_TENANT_ID) };
    }

    // The demo's platform keys are made up: its messages stay in the local console, never go to a real platform.
    const settings = { ...existing?.settings, currency: DEMO_CURRENCY, demo: true, outboundDelivery: 'console' };
    await upsertTenant(tx, { id: DEMO_TENANT_ID, name: DEMO_TENANT_NAME, settings });
    const importReport = await importMavenCrm(tx, DEMO_TENANT_ID, options.folder ?? MAVEN_CRM_FOLDER, now);
    await seedDemoPeople(tx, DEMO_TENANT_ID, now);

    const stored = await allCredentials(tx, DEMO_TENANT_ID);
    const fresh = DEMO_CREDENTIALS;
    for (const [platform, config] of Object.entries(fresh)) {
      if (stored[platform]) continue;
      await saveCredentials(tx, DEMO_TENANT_ID, platform, config);
    }
    await upsertTenant(tx, { id: DEMO_TENANT_ID, name: DEMO_TENANT_NAME, settings: { ...settings, demoSeededAt: now.toISOString() } });
    return { tenantId: DEMO_TENANT_ID, created: true, credentials: { ...fresh, ...stored }, importReport };
  });
}
