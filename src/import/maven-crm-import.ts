import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { NotFoundError } from '../errors.js';
import type { Db } from '../store/db.js';
import { auditLog, customers, users } from '../store/schema/index.js';
import { findTenant } from '../store/tenant.repository.js';
import { ImportFileError, parseCsvRows } from './csv-rows.js';
import { decideTenantCurrency, MAVEN_CRM_CURRENCY, setTenantCurrency } from './import-currency.js';
import { FileReportBuilder, reportTotals, zeroCounts, type FileReport, type ImportReport } from './import-report.js';
import { ACCOUNT_COLUMNS, mapAccounts } from './maven-accounts.js';
import { idsByRef, writeCustomers, writeDeals, writeReportingLines, writeUsers } from './maven-crm-writes.js';
import { mapPipeline, PIPELINE_COLUMNS } from './maven-pipeline.js';
import { mapProducts, PRODUCT_COLUMNS } from './maven-products.js';
import { mapSalesTeams, SALES_TEAM_COLUMNS } from './maven-sales-teams.js';

export const MAVEN_CRM_SOURCE = 'maven-crm';

export const mavenCrmFiles = {
  accounts: 'accounts.csv',
  salesTeams: 'sales_teams.csv',
  products: 'products.csv',
  pipeline: 'sales_pipeline.csv',
} as const;

/**
 * Loads the Maven Analytics "CRM + Sales + Opportunities" dataset from `folder` into a tenant:
 * accounts → customers, sales_teams → users (reps, supervisors) and reporting lines, sales_pipeline → deals.
 * Upserts on external_ref inside one transaction, so running it again on the same files changes nothing and
 * reports 0 loaded, 0 updated. Writes one audit-log entry per run. Quirks handled: see data/maven-crm/README.md.
 * The amounts are US dollars: a tenant with no currency gets `settings.currency = 'USD'`, and a tenant whose currency
 * is another one is refused (ConflictError) before anything is read or written.
 */
export async function importMavenCrm(db: Db, tenantId: string, folder: string, now: Date): Promise<ImportReport> {
  const started = performance.now();
  const tenant = await findTenant(db, tenantId);
  if (!tenant) throw new NotFoundError(`tenant "${tenantId}"`, `租户“${tenantId}”`);
  const currency = decideTenantCurrency(tenantId, tenant.settings, MAVEN_CRM_CURRENCY);

  const reports = {
    accounts: new FileReportBuilder(mavenCrmFiles.accounts, 'customers'),
    salesTeams: new FileReportBuilder(mavenCrmFiles.salesTeams, 'users + reporting_lines'),
    products: new FileReportBuilder(mavenCrmFiles.products, 'price list (not stored)'),
    pipeline: new FileReportBuilder(mavenCrmFiles.pipeline, 'deals'),
  };
  const read = async (key: keyof typeof mavenCrmFiles, columns: readonly string[]) =>
    parseCsvRows(await readText(folder, mavenCrmFiles[key]), columns, reports[key]);

  const customerRecords = mapAccounts(await read('accounts', ACCOUNT_COLUMNS), reports.accounts);
  const teams = mapSalesTeams(await read('salesTeams', SALES_TEAM_COLUMNS), reports.salesTeams);
  const prices = mapProducts(await read('products', PRODUCT_COLUMNS), reports.products);
  const dealRecords = mapPipeline(
    await read('pipeline', PIPELINE_COLUMNS),
    { prices, agents: new Set(teams.users.map((u) => u.externalRef)), accounts: new Set(customerRecords.map((c) => c.externalRef)) },
    reports.pipeline,
  );

  const files = await db.transaction(async (tx) => {
    if (currency === 'set') await setTenantCurrency(tx, tenantId, MAVEN_CRM_CURRENCY);
    const customerCounts = await writeCustomers(tx, tenantId, customerRecords, now);
    const userCounts = await writeUsers(tx, tenantId, teams.users, now);
    const userIds = await idsByRef(tx, tenantId, users);
    const lineCounts = await writeReportingLines(tx, tenantId, teams.reportingLines, userIds, now);
    const dealCounts = await writeDeals(tx, tenantId, dealRecords, { users: userIds, customers: await idsByRef(tx, tenantId, customers) });
    const fileReports: FileReport[] = [
      reports.accounts.finish(customerCounts),
      reports.salesTeams.finish(userCounts, { users: userCounts, reporting_lines: lineCounts }),
      reports.products.finish(zeroCounts),
      reports.pipeline.finish(dealCounts),
    ];
    await tx.insert(auditLog).values({
      tenantId,
      at: now,
      actorType: 'import',
      actorId: MAVEN_CRM_SOURCE,
      action: 'import.completed',
      subjectType: 'tenant',
      subjectId: tenantId,
      detail: { source: MAVEN_CRM_SOURCE, currency: MAVEN_CRM_CURRENCY, folder: path.basename(path.resolve(folder)), totals: reportTotals(fileReports), files: fileReports.map(auditSummary) },
    });
    return fileReports;
  });

  return {
    source: MAVEN_CRM_SOURCE,
    tenantId,
    folder,
    startedAt: now.toISOString(),
    durationMs: Math.round(performance.now() - started),
    files,
    totals: reportTotals(files),
  };
}

async function readText(folder: string, file: string): Promise<string> {
  try {
    return await readFile(path.join(folder, file), 'utf8');
  } catch (error) {
    throw new ImportFileError(file, `cannot be read from ${folder} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

function auditSummary(file: FileReport) {
  const count = (issues: Array<{ count: number }>) => issues.reduce((n, i) => n + i.count, 0);
  return {
    file: file.file,
    rows: file.rows,
    loaded: file.loaded,
    updated: file.updated,
    unchanged: file.unchanged,
    skipped: count(file.skipped),
    warnings: count(file.warnings),
    corrections: count(file.corrections),
  };
}
