import { parse } from 'csv-parse/sync';
import type { FileReportBuilder } from './import-report.js';

/** One data row of a CSV file, with its line number (header = line 1). */
export interface CsvRow {
  row: number;
  values: Record<string, string>;
}

/** A file that cannot be imported at all (missing, or without a required column). */
export class ImportFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

/**
 * Parses CSV text (LF or CRLF, optional BOM, quoted fields) into rows keyed by header name. Rows with the wrong
 * number of fields are skipped into the report; a header lacking a required column fails the whole file.
 */
export function parseCsvRows(text: string, required: readonly string[], report: FileReportBuilder): CsvRow[] {
  let parsed: Array<{ record: Record<string, string>; info: { lines: number; error?: unknown } }>;
  try {
    parsed = parse(text, {
      columns: (header: string[]) => header.map((name) => name.trim()),
      info: true,
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new ImportFileError(report.file, `not readable as CSV (${(error as Error).message})`);
  }
  const header = headerOf(text);
  const missing = required.filter((column) => !header.includes(column));
  if (missing.length > 0) throw new ImportFileError(report.file, `missing column(s) ${missing.join(', ')}`);

  const rows: CsvRow[] = [];
  for (const { record, info } of parsed) {
    report.rows += 1;
    if (info.error !== undefined || Object.keys(record).length !== header.length) {
      report.skip(info.lines, `wrong number of fields (expected ${header.length})`);
      continue;
    }
    rows.push({ row: info.lines, values: record });
  }
  return rows;
}

function headerOf(text: string): string[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const header = parse(firstLine, { to_line: 1 }) as string[][];
  return (header[0] ?? []).map((name) => name.trim());
}
