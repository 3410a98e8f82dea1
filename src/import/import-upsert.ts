import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../store/db.js';
import type { WriteCounts } from './import-report.js';

/**
 * Rows per statement. Each column travels as ONE array parameter (`unnest`), so the statement does not grow
 * with the row count and is parsed once per batch — several times faster than a multi-row VALUES list built by
 * the ORM (see PERF.md "Bulk ceiling").
 */
export const IMPORT_BATCH_ROWS = 1_000;

export type ColumnType = 'text' | 'uuid' | 'bigint' | 'integer' | 'timestamptz';

export interface UpsertColumn<R> {
  column: PgColumn;
  type: ColumnType;
  value: (record: R) => string | number | Date | null;
}

export interface UpsertSpec<R> {
  table: PgTable;
  columns: ReadonlyArray<UpsertColumn<R>>;
  /** The unique key the upsert resolves conflicts on. */
  conflict: readonly PgColumn[];
  /** Columns overwritten when the key exists and a `compare` column differs. */
  update: readonly PgColumn[];
  /** Columns whose difference makes an existing row "updated" (default: `update`); equal rows are left alone. */
  compare?: readonly PgColumn[];
}

/**
 * INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO UPDATE … WHERE something differs, in batches.
 * Counts come back from the statement itself (`xmax = 0` marks a freshly inserted row), so an import never has
 * to read the table first, and a repeated import writes nothing: every row counts as unchanged.
 */
export async function upsertRows<R>(db: Db, spec: UpsertSpec<R>, records: readonly R[]): Promise<WriteCounts> {
  const counts = { loaded: 0, updated: 0, unchanged: 0 };
  for (let start = 0; start < records.length; start += IMPORT_BATCH_ROWS) {
    const batch = records.slice(start, start + IMPORT_BATCH_ROWS);
    // Both drivers answer { rows: [...] }; counts are bigint, so strings on node-postgres.
    const result = (await db.execute(upsertStatement(spec, batch))) as unknown as { rows: Array<{ loaded: unknown; updated: unknown }> };
    const loaded = Number(result.rows[0]?.loaded ?? 0);
    const updated = Number(result.rows[0]?.updated ?? 0);
    counts.loaded += loaded;
    counts.updated += updated;
    counts.unchanged += batch.length - loaded - updated;
  }
  return counts;
}

function upsertStatement<R>(spec: UpsertSpec<R>, batch: readonly R[]): SQL {
  const name = (column: PgColumn) => sql`${sql.identifier(column.name)}`;
  const compare = spec.compare ?? spec.update;
  const stored = (column: PgColumn) => sql`${spec.table}.${name(column)}`;
  const list = (columns: readonly PgColumn[], render: (column: PgColumn) => SQL) => sql.join(columns.map(render), sql`, `);
  const arrays = spec.columns.map(({ type, value }) => sql`${sql.param(batch.map((record) => toParam(value(record))))}::${sql.raw(type)}[]`);
  return sql`
    with written as (
      insert into ${spec.table} (${list(
        spec.columns.map((c) => c.column),
        name,
      )})
      select * from unnest(${sql.join(arrays, sql`, `)})
      on conflict (${list(spec.conflict, name)}) do update set ${list(spec.update, (c) => sql`${name(c)} = excluded.${name(c)}`)}
      where (${list(compare, stored)}) is distinct from (${list(compare, (c) => sql`excluded.${name(c)}`)})
      returning (xmax = 0) as inserted
    )
    select count(*) filter (where inserted) as loaded, count(*) filter (where not inserted) as updated from written`;
}

function toParam(value: string | number | Date | null): string | number | null {
  return value instanceof Date ? value.toISOString() : value;
}
