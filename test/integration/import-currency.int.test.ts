/** The Maven dataset's amounts are US dollars: the import labels the tenant's money USD, or refuses to mix currencies. */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '../../src/import/import-command.js';
import { importMavenCrm } from '../../src/import/maven-crm-import.js';
import type { Service } from '../../src/service.js';
import { findTenant, upsertTenant } from '../../src/store/tenant.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';
import { createTestService } from '../helpers/service.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataset = path.join(projectRoot, 'data/maven-crm');
const now = new Date('2026-03-02T01:00:00.000Z');
const TOKEN = 'test-token-0123456789abcdef';

/** The published files with only the first pipeline rows: the currency rule does not need 8,800 deals. */
let folder: string;
beforeAll(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'maven-currency-'));
  for (const file of ['accounts.csv', 'sales_teams.csv', 'products.csv']) copyFileSync(path.join(dataset, file), path.join(folder, file));
  const pipeline = readFileSync(path.join(dataset, 'sales_pipeline.csv'), 'utf8').split(/\r?\n/).slice(0, 21).join('\n');
  writeFileSync(path.join(folder, 'sales_pipeline.csv'), `${pipeline}\n`);
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe.each(databaseKinds)('import currency on %s', (kind) => {
  let testDb: TestDatabase;
  let service: Service | undefined;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await service?.stop();
    service = undefined;
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  const count = async (sql: string) => Number((await testDb.database.query<{ n: string }>(sql))[0]!.n);

  it('sets USD on a tenant that has no currency, keeps its other settings, and the API then reports USD', async () => {
    await upsertTenant(testDb.database.db, { id: 'acme', name: 'Acme', settings: { outboundDelivery: 'console' } });
    await importMavenCrm(testDb.database.db, 'acme', folder, now);
    expect((await findTenant(testDb.database.db, 'acme'))!.settings).toEqual({ outboundDelivery: 'console', currency: 'USD' });

    service = await createTestService(testDb, { SALESBEAT_API_TOKEN: TOKEN });
    const response = await service.app.inject({ url: '/api/v1/tenants/acme/deals?status=won', headers: { authorization: `Bearer ${TOKEN}` } });
    const items = response.json().items as Array<{ currency: string }>;
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((d) => d.currency))).toEqual(new Set(['USD']));
  });

  it('imports into a tenant already in USD and leaves it so', async () => {
    await upsertTenant(testDb.database.db, { id: 'acme', name: 'Acme', settings: { currency: 'USD' } });
    await importMavenCrm(testDb.database.db, 'acme', folder, now);
    expect((await findTenant(testDb.database.db, 'acme'))!.settings).toEqual({ currency: 'USD' });
    expect(await count('select count(*) n from deals')).toBe(20);
  });

  it('refuses a tenant whose currency is CNY, saying why in English and Chinese, and writes nothing', async () => {
    await upsertTenant(testDb.database.db, { id: 'acme', name: 'Acme', settings: { currency: 'CNY' } });
    await expect(importMavenCrm(testDb.database.db, 'acme', folder, now)).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/CNY.*USD.*cannot be mixed/),
      messageZh: expect.stringContaining('不能混用'),
    });
    expect((await findTenant(testDb.database.db, 'acme'))!.settings).toEqual({ currency: 'CNY' });
    expect(await count('select count(*) n from deals')).toBe(0);
    expect(await count('select count(*) n from customers')).toBe(0);
    expect(await count('select count(*) n from audit_log')).toBe(0);
  });

  it.runIf(kind === 'postgres')('salesbeat import exits 1 with the message when the tenant has another currency', async () => {
    await upsertTenant(testDb.database.db, { id: 'acme', name: 'Acme', settings: { currency: 'EUR' } });
    const out: string[] = [];
    const err: string[] = [];
    const code = await runImport(
      [folder, '--tenant', 'acme'],
      { DATABASE_URL: testDb.url, LOG_LEVEL: 'silent' },
      { write: (t: string) => out.push(t) },
      { write: (t: string) => err.push(t) },
      () => now,
    );
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/EUR.*USD.*cannot be mixed.*不能混用/s);
    expect(await count('select count(*) n from deals')).toBe(0);
  });
});
