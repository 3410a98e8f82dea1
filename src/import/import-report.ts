/** What an import did, per file: the counts, the rows it skipped and why, and what it corrected on the way. */

/** Row numbers listed per reason; the count is always complete. */
export const MAX_ROWS_LISTED = 20;

export interface RowIssue {
  /** Line number in the file (the header is line 1). */
  row: number;
  reason: string;
}

export interface IssueSummary {
  reason: string;
  count: number;
  /** The first MAX_ROWS_LISTED row numbers. */
  rows: number[];
}

export interface Correction {
  what: string;
  count: number;
}

export interface WriteCounts {
  /** New rows inserted. */
  loaded: number;
  /** Existing rows (same external_ref) whose values changed. */
  updated: number;
  /** Existing rows already holding exactly these values. */
  unchanged: number;
}

export interface FileReport extends WriteCounts {
  file: string;
  /** Where the rows went, e.g. `customers` or `users + reporting_lines`. */
  target: string;
  /** Data rows read (header excluded). */
  rows: number;
  /** Rows not imported, grouped by reason. */
  skipped: IssueSummary[];
  /** Rows imported with something missing, grouped by reason. */
  warnings: IssueSummary[];
  /** Values fixed on the way in. */
  corrections: Correction[];
  /** Per-table counts when one file feeds several tables. */
  tables?: Record<string, WriteCounts>;
}

export interface ImportReport {
  source: string;
  tenantId: string;
  folder: string;
  startedAt: string;
  durationMs: number;
  files: FileReport[];
  totals: WriteCounts & { skipped: number; warnings: number; corrections: number };
}

/** Collects one file's issues while its rows are mapped; `finish` turns them into a FileReport. */
export class FileReportBuilder {
  rows = 0;
  private readonly skips: RowIssue[] = [];
  private readonly warns: RowIssue[] = [];
  private readonly fixes = new Map<string, number>();

  constructor(
    readonly file: string,
    readonly target: string,
  ) {}

  skip(row: number, reason: string): void {
    this.skips.push({ row, reason });
  }

  warn(row: number, reason: string): void {
    this.warns.push({ row, reason });
  }

  correct(what: string): void {
    this.fixes.set(what, (this.fixes.get(what) ?? 0) + 1);
  }

  get skippedCount(): number {
    return this.skips.length;
  }

  finish(counts: WriteCounts, tables?: Record<string, WriteCounts>): FileReport {
    return {
      file: this.file,
      target: this.target,
      rows: this.rows,
      ...counts,
      skipped: summarize(this.skips),
      warnings: summarize(this.warns),
      corrections: [...this.fixes].map(([what, count]) => ({ what, count })),
      ...(tables ? { tables } : {}),
    };
  }
}

/** Groups row issues by reason, in order of first appearance. */
export function summarize(issues: RowIssue[]): IssueSummary[] {
  const byReason = new Map<string, IssueSummary>();
  for (const issue of issues) {
    let summary = byReason.get(issue.reason);
    if (!summary) {
      summary = { reason: issue.reason, count: 0, rows: [] };
      byReason.set(issue.reason, summary);
    }
    summary.count += 1;
    if (summary.rows.length < MAX_ROWS_LISTED) summary.rows.push(issue.row);
  }
  return [...byReason.values()];
}

export function addCounts(a: WriteCounts, b: WriteCounts): WriteCounts {
  return { loaded: a.loaded + b.loaded, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged };
}

export const zeroCounts: WriteCounts = Object.freeze({ loaded: 0, updated: 0, unchanged: 0 });

export function reportTotals(files: FileReport[]): ImportReport['totals'] {
  const sum = (pick: (f: FileReport) => number) => files.reduce((total, f) => total + pick(f), 0);
  return {
    loaded: sum((f) => f.loaded),
    updated: sum((f) => f.updated),
    unchanged: sum((f) => f.unchanged),
    skipped: sum((f) => f.skipped.reduce((n, s) => n + s.count, 0)),
    warnings: sum((f) => f.warnings.reduce((n, s) => n + s.count, 0)),
    corrections: sum((f) => f.corrections.reduce((n, c) => n + c.count, 0)),
  };
}
