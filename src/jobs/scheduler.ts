/**
 * Wires jobs to node-cron and makes sure that, however many service instances share the database, exactly
 * one runs a job at a time: every run is one transaction that first takes
 * `pg_try_advisory_xact_lock(JOB_LOCK_NAMESPACE, jobLockKey(name))`. The instance that gets it runs the job
 * inside that transaction (the lock ends with it, also when the process dies); the others skip the tick.
 * The same SQL works on PGlite (one connection, so the lock is always free there). A tick that comes late
 * or twice is harmless by construction of the jobs: they only act on what is due and not yet handled, and
 * their outbox writes carry dedup keys.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { sql } from 'drizzle-orm';
import type { Logger } from '../logger.js';
import type { Database, Db } from '../store/db.js';
import type { Job } from './job.js';

/** First half of every job lock key; any fixed number, distinct from the migration and demo-seed locks. */
export const JOB_LOCK_NAMESPACE = 7_240_302;

/** A job name as the signed 32-bit second half of its advisory lock key (FNV-1a). */
export function jobLockKey(name: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(name, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

export type JobTick<Stats = unknown> =
  | { job: string; ran: true; stats: Stats; ms: number }
  /** locked: another instance holds the job's lock; busy: this instance is still running the previous tick. */
  | { job: string; ran: false; reason: 'locked' | 'busy' | 'stopped' };

export interface JobSchedulerOptions {
  database: Database;
  jobs: readonly Job[];
  logger: Logger;
  clock?: () => Date;
  publicUrl: string;
}

export class JobScheduler {
  private readonly clock: () => Date;
  private readonly running = new Map<string, Promise<JobTick>>();
  private tasks: ScheduledTask[] = [];
  private stopped = false;

  constructor(private readonly options: JobSchedulerOptions) {
    this.clock = options.clock ?? (() => new Date());
    for (const job of options.jobs) {
      if (!cron.validate(job.cron)) throw new Error(`job ${job.name}: invalid cron pattern "${job.cron}"`);
    }
  }

  /** Starts triggering every job on its cron pattern. */
  start(): void {
    if (this.stopped || this.tasks.length > 0) return;
    const log = this.options.logger.child({ component: 'scheduler' });
    const cronLogger = {
      info: (message: string) => log.debug(message),
      warn: (message: string) => log.warn(message),
      error: (message: string | Error) => log.error({ err: message }, 'scheduled job failed'),
      debug: (message: string | Error) => log.debug({ detail: String(message) }, 'node-cron'),
    };
    this.tasks = this.options.jobs.map((job) =>
      cron.schedule(
        job.cron,
        () =>
          this.tick(job.name).catch((error: unknown) => {
            log.error({ err: error, job: job.name }, 'scheduled job failed');
          }),
        { name: `salesbeat:${job.name}`, noOverlap: true, logger: cronLogger },
      ),
    );
  }

  /** No new ticks; waits for the runs in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.tasks.map((task) => task.destroy()));
    this.tasks = [];
    await Promise.allSettled([...this.running.values()]);
  }

  /** One run of the job now, if this instance gets its lock (what a cron trigger does; tests call it directly). */
  tick<Stats = unknown>(name: string): Promise<JobTick<Stats>> {
    return this.tickJob(name) as Promise<JobTick<Stats>>;
  }

  private tickJob(name: string): Promise<JobTick> {
    const job = this.options.jobs.find((j) => j.name === name);
    if (!job) return Promise.reject(new Error(`no job named ${name}`));
    if (this.stopped) return Promise.resolve({ job: name, ran: false, reason: 'stopped' });
    if (this.running.has(name)) return Promise.resolve({ job: name, ran: false, reason: 'busy' });
    const run = this.runLocked(job).finally(() => this.running.delete(name));
    this.running.set(name, run);
    return run;
  }

  private runLocked(job: Job): Promise<JobTick> {
    return this.options.database.db.transaction(async (tx) => {
      const db = tx as unknown as Db;
      const result = (await db.execute(
        sql`select pg_try_advisory_xact_lock(${JOB_LOCK_NAMESPACE}::int, ${jobLockKey(job.name)}::int) as locked`,
      )) as unknown as { rows: Array<{ locked: boolean }> };
      if (result.rows[0]?.locked !== true) return { job: job.name, ran: false, reason: 'locked' } as const;
      const started = performance.now();
      const stats = await job.run({ db, now: this.clock(), logger: this.options.logger, publicUrl: this.options.publicUrl });
      return { job: job.name, ran: true, stats, ms: performance.now() - started } as const;
    });
  }
}
