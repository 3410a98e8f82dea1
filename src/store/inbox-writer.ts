import type { InboundEvent, IngestResult } from '../../adapters/contract.js';
import type { Database } from './db.js';

export interface InboxRow {
  tenantId: string;
  platform: string;
  transport: string;
  event: InboundEvent;
}

interface Waiting {
  row: InboxRow;
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

/** Rows per INSERT: large enough to amortise a commit, small enough to keep one statement cheap. */
const MAX_BATCH_ROWS = 500;

const INSERT_BATCH = `
  insert into inbox_events (tenant_id, platform, transport, dedup_key, vendor_type, kind, status, ignore_reason, event, raw, processed_at)
  select t.tenant_id, t.platform, t.transport, t.dedup_key, t.vendor_type, t.kind, t.status, t.ignore_reason, t.event::jsonb, t.raw,
         case when t.status = 'ignored' then now() end
  from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])
    as t(tenant_id, platform, transport, dedup_key, vendor_type, kind, status, ignore_reason, event, raw)
  on conflict (tenant_id, platform, dedup_key) do nothing
  returning tenant_id, platform, dedup_key, id`;

/**
 * Group commit for the inbox: every caller waits until the transaction holding ITS row has committed
 * (so an ack is never sent for an event that could still be lost), while concurrent callers share one
 * multi-row INSERT. The batch is adaptive: a flush starts as soon as the previous one finishes, so a
 * lone request is never held back by a timer.
 */
export class InboxWriter {
  private queue: Waiting[] = [];
  private flushing = false;

  constructor(private readonly database: Database) {}

  /** Resolves once the rows are durable; each result says whether the row was new or a duplicate. */
  write(rows: InboxRow[]): Promise<IngestResult[]> {
    return Promise.all(
      rows.map(
        (row) =>
          new Promise<IngestResult>((resolve, reject) => {
            this.queue.push({ row, resolve, reject });
            this.schedule();
          }),
      ),
    );
  }

  private schedule(): void {
    if (this.flushing) return;
    this.flushing = true;
    queueMicrotask(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH_ROWS);
      try {
        await this.insert(batch);
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.flushing = false;
  }

  private async insert(batch: Waiting[]): Promise<void> {
    const columns: string[][] = Array.from({ length: 10 }, () => []);
    for (const { row } of batch) {
      const { event } = row.event;
      const values = [
        row.tenantId,
        row.platform,
        row.transport,
        withoutNul(row.event.dedupKey),
        withoutNul(row.event.vendorType),
        event.kind,
        event.kind === 'ignored' ? 'ignored' : 'pending',
        event.kind === 'ignored' ? event.reason : null,
        JSON.stringify(event, (_key, value: unknown) => (typeof value === 'string' ? withoutNul(value) : value)),
        withoutNul(row.event.raw),
      ];
      values.forEach((value, i) => columns[i]!.push(value as string));
    }
    const inserted = await this.database.query<{ tenant_id: string; platform: string; dedup_key: string; id: string }>(
      INSERT_BATCH,
      columns,
    );
    const ids = new Map(inserted.map((r) => [`${r.tenant_id}\u0000${r.platform}\u0000${r.dedup_key}`, r.id]));
    for (const { row, resolve } of batch) {
      const key = `${row.tenantId}\u0000${row.platform}\u0000${withoutNul(row.event.dedupKey)}`;
      const id = ids.get(key);
      if (id !== undefined) {
        ids.delete(key); // a key repeated inside one batch: the first caller gets the row, the rest are duplicates
        resolve({ dedupKey: row.event.dedupKey, status: 'accepted', inboxId: id });
      } else {
        resolve({ dedupKey: row.event.dedupKey, status: 'duplicate' });
      }
    }
  }
}

/**
 * Postgres text and jsonb cannot hold U+0000. A signed event that contains it is still a real event:
 * store it with U+FFFD in its place rather than refusing it forever (the platform would keep retrying).
 */
function withoutNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text;
}
