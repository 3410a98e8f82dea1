import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';

/** What a scheduled job gets for one run. `db` is the transaction the scheduler holds the job's lock in. */
export interface JobDeps {
  db: Db;
  /** The tick's time, from the injected clock. */
  now: Date;
  logger: Logger;
  /** The service's public base URL (links in cards). */
  publicUrl: string;
}

/** A job file's exports, bundled: NAME, CRON (when the scheduler triggers it) and run(deps) → stats. */
export interface Job<Stats = unknown> {
  name: string;
  cron: string;
  run(deps: JobDeps): Promise<Stats>;
}
