import { parseArgs } from 'node:util';
import { readConfig } from '../config.js';
import { AppError } from '../errors.js';
import { migrateDatabase, openDatabase } from '../store/db.js';
import { findTenant, upsertTenant } from '../store/tenant.repository.js';
import { ImportFileError } from './csv-rows.js';
import { formatImportReport } from './format-import-report.js';
import { MAVEN_CRM_FOLDER } from './maven-crm-folder.js';
import { importMavenCrm } from './maven-crm-import.js';

/** The tenant the service always has; the import creates it too when run before the first start. */
const DEFAULT_TENANT = 'default';

export const IMPORT_USAGE = `usage: salesbeat import [folder] [--tenant <id>] [--json]
  Loads a Maven-format CRM export (accounts.csv, sales_teams.csv, products.csv, sales_pipeline.csv)
  into a tenant (default "${DEFAULT_TENANT}"). Default folder: the bundled dataset ${MAVEN_CRM_FOLDER}.
  Importing the same files again changes nothing. Database: DATABASE_URL or SALESBEAT_DATA_DIR.
  导入 Maven 格式的 CRM 导出文件到租户；重复导入不会产生重复数据。`;

interface Output {
  write(text: string): unknown;
}

/**
 * `salesbeat import [folder] [--tenant <id>] [--json]`: prints the report as a bilingual table (or JSON) and
 * returns the exit code: 0 done, 1 the import was refused (unknown tenant, missing file or column), 2 bad usage.
 */
export async function runImport(
  args: string[],
  env: Record<string, string | undefined> = process.env,
  out: Output = process.stdout,
  err: Output = process.stderr,
  now: () => Date = () => new Date(),
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { tenant: { type: 'string', default: DEFAULT_TENANT }, json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    err.write(`${(error as Error).message}\n\n${IMPORT_USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out.write(`${IMPORT_USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) {
    err.write(`expected at most one folder, got ${positionals.length}\n\n${IMPORT_USAGE}\n`);
    return 2;
  }
  const config = readConfig(env, {});
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    const tenantId = values.tenant;
    if (tenantId === DEFAULT_TENANT && !(await findTenant(database.db, tenantId))) {
      await upsertTenant(database.db, { id: DEFAULT_TENANT, name: 'Default' });
    }
    const report = await importMavenCrm(database.db, tenantId, positionals[0] ?? MAVEN_CRM_FOLDER, now());
    out.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatImportReport(report)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) err.write(`${error.message} / ${error.messageZh}\n`);
    else if (error instanceof ImportFileError) err.write(`${error.message}\n`);
    else throw error;
    return 1;
  } finally {
    await database.close();
  }
}
