import { sql } from 'drizzle-orm';
import { SingleFlightPass } from '../background/single-flight-pass.js';
import type { DomainEvent } from '../core/events.js';
import type { Database, Db } from '../store/db.js';
import type { Logger } from '../logger.js';

export interface PendingInboxEvent {
  tenantId: string;
  id: string;
  platform: string;
  event: DomainEvent;
  attempts: number;
}

/** What a handler did with one event: `processed`, or `ignored` with the reason (e.g. no customer matched). */
export type HandleOutcome = { status: 'processed'; note?: string } | { status: 'ignored'; reason: string };

/** Turns one committed inbox event into domain state. Must be idempotent: a crash can make it run twice. */
export type InboxEventHandler = (db: Db, event: PendingInboxEvent, now: Date) => Promise<HandleOutcome>;

/** How long a claimed row is reserved for the worker that claimed it; after that another worker may take it. */
export const INBOX_LEASE_SECONDS = 60;
/** After this many failed attempts a row is parked as `failed` for a person to look at. */
export const INBOX_MAX_ATTEMPTS = 8;
const CLAIM_BATCH = 50;

/**
 * Claims due rows with FOR UPDATE SKIP LOCKED (several service instances can run this side by side),
 * leases them, and handles each in its own transaction, so one bad event never blocks the others.
 */
export class InboxProcessor {
  private readonly passes: SingleFlightPass;

  constructor(
    private readonly database: Database,
    private readonly handle: InboxEventHandler,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.passes = new SingleFlightPass(
      () => this.drain(),
      (error) => this.logger.error({ err: error }, 'inbox processing pass failed'),
    );
  }

  /** Ask for a pass soon; concurrent kicks collapse into one follow-up pass. */
  kick(): void {
    this.passes.kick();
  }

  /** Waits for the current pass (tests and shutdown). */
  idle(): Promise<void> {
    return this.passes.idle();
  }

  /** Processes until nothing is due; returns how many rows were handled. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await this.processBatch();
      total += handled;
      if (handled < CLAIM_BATCH) return total;
    }
  }

  async processBatch(): Promise<number> {
    let claimed: PendingInboxEvent[];
    try {
      claimed = await this.claim();
    } catch (error) {
      this.logger.error({ err: error }, 'could not claim inbox events');
      return 0;
    }
    if (claimed.length === 0) return 0;
    // Happy path: the whole batch in one transaction. If any event fails, roll it all back and redo the
    // batch one event per transaction, so the failure is isolated and recorded against its own row.
    try {
      await this.database.db.transaction(async (tx) => {
        for (const row of claimed) {
          const outcome = await this.handle(tx as unknown as Db, row, this.clock());
          await tx.execute(outcome.status === 'processed' ? sqlMark('processed', outcome.note ?? null, row) : sqlMark('ignored', outcome.reason, row));
        }
      });
    } catch {
      for (const row of claimed) await this.processOne(row);
    }
    return claimed.length;
  }

  private async claim(): Promise<PendingInboxEvent[]> {
    const rows = await this.database.query<{ tenant_id: string; id: string; platform: string; event: DomainEvent; attempts: number }>(
      `update inbox_events set next_attempt_at = now() + make_interval(secs => $1), attempts = attempts + 1
       where (tenant_id, id) in (
         select tenant_id, id from inbox_events
         where status = 'pending' and next_attempt_at <= now()
         order by next_attempt_at
         limit $2
         for update skip locked)
       returning tenant_id, id, platform, event, attempts`,
      [INBOX_LEASE_SECONDS, CLAIM_BATCH],
    );
    return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id, platform: r.platform, event: r.event, attempts: r.attempts }));
  }

  private async processOne(row: PendingInboxEvent): Promise<void> {
    const log = this.logger.child({ tenant: row.tenantId, platform: row.platform, inboxId: row.id, kind: row.event.kind });
    try {
      await this.database.db.transaction(async (tx) => {
        const outcome = await this.handle(tx as unknown as Db, row, this.clock());
        await tx.execute(
          outcome.status === 'processed'
            ? sqlMark('processed', outcome.note ?? null, row)
            : sqlMark('ignored', outcome.reason, row),
        );
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failed = row.attempts >= INBOX_MAX_ATTEMPTS;
      log.error({ err: error, attempts: row.attempts }, failed ? 'inbox event failed for good' : 'inbox event failed; will retry');
      await this.database.query(
        `update inbox_events set last_error = $3, status = case when $4 then 'failed' else status end,
           next_attempt_at = now() + make_interval(secs => least(3600, power(2, attempts)::int))
         where tenant_id = $1 and id = $2`,
        [row.tenantId, row.id, message.slice(0, 2000), failed],
      );
    }
  }
}

/** Settles a row: `processed` with an optional note of what was done, or `ignored` with the reason. */
function sqlMark(status: 'processed' | 'ignored', text: string | null, row: PendingInboxEvent) {
  const reason = status === 'ignored' ? text : null;
  const note = status === 'processed' ? text : null;
  return sql`update inbox_events set status = ${status}, ignore_reason = ${reason}, note = ${note}, processed_at = now(), last_error = null
             where tenant_id = ${row.tenantId} and id = ${row.id}`;
}
