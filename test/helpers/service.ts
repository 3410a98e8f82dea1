import { pino } from 'pino';
import { readConfig } from '../../src/config.js';
import { createService, credentialEnvNames, type Service, type ServiceOptions } from '../../src/service.js';
import type { TestDatabase } from './database.js';

/** A service on a test database, with a quiet logger and an optional fixed clock. Env vars become the default tenant's config. */
export async function createTestService(
  testDb: TestDatabase,
  env: Record<string, string> = {},
  options: Omit<ServiceOptions, 'database'> = {},
): Promise<Service> {
  const config = readConfig({ LOG_LEVEL: 'silent', ...env }, credentialEnvNames());
  return createService(config, { logger: pino({ level: 'silent' }), ...options, database: testDb.database });
}
