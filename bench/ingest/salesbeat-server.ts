/** Child process: the real salesbeat service on the benchmark database, Feishu tenant `bench` configured. */
import { pino } from 'pino';
import { readConfig } from '../../src/config.js';
import { loggerOptions } from '../../src/logger.js';
import { createService, credentialEnvNames } from '../../src/service.js';
import { saveCredentials, upsertTenant } from '../../src/store/tenant.repository.js';
import { BENCH_FEISHU_CREDENTIALS, BENCH_TENANT } from './feishu-load-bodies.js';

const config = readConfig({ ...process.env, PORT: '0' }, credentialEnvNames());
// Production logging (info, redaction on), written to /dev/null so the terminal stays readable.
const logger = pino({ ...loggerOptions, level: 'info' }, pino.destination('/dev/null'));
const service = await createService(config, { logger });
await upsertTenant(service.database.db, { id: BENCH_TENANT, name: 'Bench' });
await saveCredentials(service.database.db, BENCH_TENANT, 'feishu', BENCH_FEISHU_CREDENTIALS);
if (process.env.BENCH_PROCESS === "on") service.startBackground();
const address = await service.app.listen({ port: 0, host: '127.0.0.1' });
console.log(`listening ${address}/webhooks/feishu/${BENCH_TENANT}`);
process.on('SIGTERM', () => void service.stop().then(() => process.exit(0)));
