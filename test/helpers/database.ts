import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateDatabase, openDatabase, type Database } from '../../src/store/db.js';

/** Admin connection used to create and drop one throwaway database per test file. */
export const TEST_PG_ADMIN_URL = process.env.SALESBEAT_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export type DatabaseKind = 'postgres' | 'pglite';
/** Every integration suite runs on both: a real Postgres and the embedded PGlite. */
export const databaseKinds: DatabaseKind[] = ['postgres', 'pglite'];

export interface TestDatabase {
  database: Database;
  url?: string;
  /** Empties every table (except the migrations journal) so tests start clean. */
  truncate(): Promise<void>;
  destroy(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    return { database, truncate: () => truncateAll(database), destroy: () => database.close() };
  }
  const name = `salesbeat_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_ADMIN_URL);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5 });
  await migrateDatabase(database);
  return {
    database,
    url: url.toString(),
    truncate: () => truncateAll(database),
    async destroy() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: TEST_PG_ADMIN_URL });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

async function truncateAll(database: Database): Promise<void> {
  const tables = await database.query<{ tablename: string }>(`select tablename from pg_tables where schemaname = 'public'`);
  if (tables.length === 0) return;
  // The audit log refuses DELETE by trigger; TRUNCATE is a test-only reset and is allowed.
  await database.query(`truncate ${tables.map((t) => `"${t.tablename}"`).join(', ')} restart identity cascade`);
}
