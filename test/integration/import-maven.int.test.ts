import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FileReport, ImportReport } from '../../src/import/import-report.js';
import { importMavenCrm } from '../../src/import/maven-crm-import.js';
import { upsertTenant } from '../../src/store/tenant.repository.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../helpers/database.js';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const folder = path.join(projectRoot, 'data/maven-crm');
const now = new Date('2026-03-02T01:00:00.000Z');

/** The CSV files read with plain string operations (they contain no quoted fields), independent of the importer. */
function csv(file: string): string[][] {
  const text = readFileSync(path.join(folder, file), 'utf8');
  if (text.includes('"')) throw new Error(`${file} has quoted fields: the naive split below would be wrong`);
  return text
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .slice(1)
    .map((line) => line.split(','));
}

const accounts = csv('accounts.csv');
const teams = csv('sales_teams.csv');
const pipeline = csv('sales_pipeline.csv');
const expected = {
  customers: accounts.length,
  users: new Set([...teams.map((t) => t[0]), ...teams.map((t) => t[1])]).size,
  supervisors: new Set(teams.map((t) => t[1])).size,
  reportingLines: teams.filter((t) => t[1] !== '').length,
  deals: pipeline.length,
  gtxPro: pipeline.filter((p) => p[2] === 'GTXPro').length,
  gtxProListed: pipeline.filter((p) => p[2] === 'GTXPro' || p[2] === 'GTX Pro').length,
  blankAccount: pipeline.filter((p) => p[3] === '').length,
  noEngageDate: pipeline.filter((p) => p[5] === '').length,
  technolgy: accounts.filter((a) => a[1] === 'technolgy').length,
  won: pipeline.filter((p) => p[4] === 'Won').length,
  lost: pipeline.filter((p) => p[4] === 'Lost').length,
  open: pipeline.filter((p) => p[4] === 'Prospecting' || p[4] === 'Engaging').length,
  wonCents: pipeline.filter((p) => p[4] === 'Won').reduce((sum, p) => sum + Number(p[7]) * 100, 0),
};

function file(report: ImportReport, name: string): FileReport {
  return report.files.find((f) => f.file === name)!;
}

const issueCount = (issues: Array<{ count: number }>) => issues.reduce((n, i) => n + i.count, 0);

describe('the published dataset, counted independently', () => {
  it('has the shape the SOURCES notes describe', () => {
    expect(expected).toMatchObject({ customers: 85, users: 41, supervisors: 6, deals: 8800, gtxPro: 1480, blankAccount: 1425 });
  });
});

describe.each(databaseKinds)('Maven CRM import on %s', (kind) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await testDb.truncate();
  });
  afterAll(async () => {
    await testDb.destroy();
  });

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const rows = await testDb.database.query<{ n: string | number }>(sql, params);
    return Number(rows[0]!.n);
  }

  async function tenant(id: string) {
    await upsertTenant(testDb.database.db, { id, name: id });
  }

  /** A fingerprint of everything the import wrote for a tenant. */
  async function fingerprint(tenantId: string): Promise<string> {
    const rows = await testDb.database.query<{ f: string }>(
      `select md5(
         (select string_agg(d::text, '|' order by d.external_ref) from deals d where d.tenant_id = $1) ||
         (select string_agg(c::text, '|' order by c.external_ref) from customers c where c.tenant_id = $1) ||
         (select string_agg(u::text, '|' order by u.external_ref) from users u where u.tenant_id = $1) ||
         (select string_agg(r::text, '|' order by r.user_id) from reporting_lines r where r.tenant_id = $1)) as f`,
      [tenantId],
    );
    return rows[0]!.f;
  }

  it('loads every account, person and opportunity, fixing and reporting the known quirks', async () => {
    await tenant('acme');
    const started = performance.now();
    const report = await importMavenCrm(testDb.database.db, 'acme', folder, now);
    // "in seconds": generous for a loaded CI machine, far below what a row-by-row import takes.
    expect(performance.now() - started).toBeLessThan(20_000);

    expect(file(report, 'accounts.csv')).toMatchObject({ rows: expected.customers, loaded: expected.customers, updated: 0, unchanged: 0 });
    expect(file(report, 'sales_teams.csv')).toMatchObject({ rows: teams.length, loaded: expected.users });
    expect(file(report, 'sales_teams.csv').tables?.reporting_lines).toEqual({ loaded: expected.reportingLines, updated: 0, unchanged: 0 });
    expect(file(report, 'sales_pipeline.csv')).toMatchObject({ rows: expected.deals, loaded: expected.deals, updated: 0, unchanged: 0 });
    expect(report.totals.skipped).toBe(0);

    expect(file(report, 'sales_pipeline.csv').corrections).toEqual([{ what: 'product "GTXPro" → "GTX Pro"', count: expected.gtxPro }]);
    expect(file(report, 'accounts.csv').corrections).toContainEqual({ what: 'sector "technolgy" → "technology"', count: expected.technolgy });
    const warnings = file(report, 'sales_pipeline.csv').warnings;
    expect(warnings.find((w) => w.reason.startsWith('blank account'))?.count).toBe(expected.blankAccount);
    expect(warnings.find((w) => w.reason.startsWith('no engage_date'))?.count).toBe(expected.noEngageDate);
    expect(issueCount(warnings)).toBe(expected.blankAccount + expected.noEngageDate);

    const t = ['acme'];
    expect(await count('select count(*) n from customers where tenant_id = $1', t)).toBe(expected.customers);
    expect(await count(`select count(*) n from customers where tenant_id = $1 and sector = 'technolgy'`, t)).toBe(0);
    expect(await count('select count(*) n from users where tenant_id = $1', t)).toBe(expected.users);
    expect(await count(`select count(*) n from users where tenant_id = $1 and role = 'supervisor'`, t)).toBe(expected.supervisors);
    expect(await count('select count(*) n from reporting_lines where tenant_id = $1', t)).toBe(expected.reportingLines);
    expect(await count('select count(*) n from deals where tenant_id = $1', t)).toBe(expected.deals);
    expect(await count(`select count(*) n from deals where tenant_id = $1 and product = 'GTX Pro'`, t)).toBe(expected.gtxProListed);
    expect(await count(`select count(*) n from deals where tenant_id = $1 and product = 'GTXPro'`, t)).toBe(0);
    expect(await count('select count(*) n from deals where tenant_id = $1 and customer_id is null', t)).toBe(expected.blankAccount);
    expect(await count('select count(*) n from deals where tenant_id = $1 and owner_id is null', t)).toBe(0);
    expect(await count(`select count(*) n from deals where tenant_id = $1 and status = 'won'`, t)).toBe(expected.won);
    expect(await count(`select count(*) n from deals where tenant_id = $1 and status = 'lost'`, t)).toBe(expected.lost);
    expect(await count(`select count(*) n from deals where tenant_id = $1 and status = 'open'`, t)).toBe(expected.open);
    expect(await count(`select coalesce(sum(amount_fen), 0) n from deals where tenant_id = $1 and status = 'won'`, t)).toBe(expected.wonCents);
    expect(await count(`select count(*) n from audit_log where tenant_id = $1 and action = 'import.completed'`, t)).toBe(1);

    const [acmeCorp] = await testDb.database.query<{ revenue_fen: string | number; sector: string }>(
      `select revenue_fen, sector from customers where tenant_id = 'acme' and external_ref = 'Acme Corporation'`,
    );
    const acmeRow = accounts.find((a) => a[0] === 'Acme Corporation')!;
    expect(Number(acmeCorp!.revenue_fen)).toBe(Math.round(Number(acmeRow[3]) * 1e8));
    expect(acmeCorp!.sector).toBe('technology');
  });

  it('changes nothing and reports 0 new when the same files are imported again', async () => {
    await tenant('acme');
    await importMavenCrm(testDb.database.db, 'acme', folder, now);
    const before = await fingerprint('acme');
    const again = await importMavenCrm(testDb.database.db, 'acme', folder, new Date(now.getTime() + 86_400_000));
    expect(again.totals).toMatchObject({ loaded: 0, updated: 0, skipped: 0 });
    expect(file(again, 'accounts.csv').unchanged).toBe(expected.customers);
    expect(file(again, 'sales_teams.csv').tables).toEqual({
      users: { loaded: 0, updated: 0, unchanged: expected.users },
      reporting_lines: { loaded: 0, updated: 0, unchanged: expected.reportingLines },
    });
    expect(file(again, 'sales_pipeline.csv').unchanged).toBe(expected.deals);
    expect(await fingerprint('acme')).toBe(before);
    // One summary entry per run, none per row.
    expect(await count(`select count(*) n from audit_log where tenant_id = 'acme'`)).toBe(2);
  });

  it('updates exactly the rows whose values changed in the files', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'maven-crm-'));
    try {
      cpSync(folder, copy, { recursive: true });
      await tenant('acme');
      await importMavenCrm(testDb.database.db, 'acme', copy, now);
      const edit = (name: string, from: string, to: string) => {
        const target = path.join(copy, name);
        const text = readFileSync(target, 'utf8');
        expect(text).toContain(from);
        writeFileSync(target, text.replace(from, to));
      };
      edit('accounts.csv', 'Acme Corporation,technolgy,1996,1100.04,2822', 'Acme Corporation,technolgy,1996,1100.04,2900');
      edit('sales_pipeline.csv', '1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054', '1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1100');
      const report = await importMavenCrm(testDb.database.db, 'acme', copy, now);
      expect(file(report, 'accounts.csv')).toMatchObject({ loaded: 0, updated: 1, unchanged: expected.customers - 1 });
      expect(file(report, 'sales_pipeline.csv')).toMatchObject({ loaded: 0, updated: 1, unchanged: expected.deals - 1 });
      expect(await count(`select amount_fen n from deals where tenant_id = 'acme' and external_ref = '1C1I7A6R'`)).toBe(110_000);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('keeps tenants apart: the same dataset imported twice into two tenants', async () => {
    await tenant('acme');
    await tenant('globex');
    await importMavenCrm(testDb.database.db, 'acme', folder, now);
    const second = await importMavenCrm(testDb.database.db, 'globex', folder, now);
    expect(second.totals.loaded).toBe(expected.customers + expected.users + expected.deals);
    for (const t of ['acme', 'globex']) {
      expect(await count('select count(*) n from deals where tenant_id = $1', [t])).toBe(expected.deals);
      expect(await count('select count(*) n from customers where tenant_id = $1', [t])).toBe(expected.customers);
    }
    // No deal points at another tenant's customer or owner.
    expect(
      await count(`select count(*) n from deals d join customers c on c.id = d.customer_id where c.tenant_id <> d.tenant_id`),
    ).toBe(0);
    expect(await count(`select count(*) n from deals d join users u on u.id = d.owner_id where u.tenant_id <> d.tenant_id`)).toBe(0);
  });

  it('refuses an unknown tenant and a folder without the files, writing nothing', async () => {
    await expect(importMavenCrm(testDb.database.db, 'nobody', folder, now)).rejects.toThrow(/tenant "nobody" not found/);
    await tenant('acme');
    const empty = mkdtempSync(path.join(tmpdir(), 'maven-empty-'));
    try {
      await expect(importMavenCrm(testDb.database.db, 'acme', empty, now)).rejects.toThrow(/accounts\.csv: cannot be read/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
    expect(await count('select count(*) n from customers')).toBe(0);
  });
});
