import { readConfig } from '../config.js';
import { credentialEnvNames } from '../service.js';
import { migrateDatabase, openDatabase } from '../store/db.js';

export async function runMigrate(): Promise<number> {
  const config = readConfig(process.env, credentialEnvNames());
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateDatabase(database);
    console.log(`migrations applied (${database.driver === 'postgres' ? 'Postgres' : `embedded database in ${config.dataDir}`})`);
    return 0;
  } finally {
    await database.close();
  }
}
