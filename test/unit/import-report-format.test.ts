import { describe, expect, it } from 'vitest';
import { formatImportReport } from '../../src/import/format-import-report.js';
import type { ImportReport } from '../../src/import/import-report.js';

const report: ImportReport = {
  source: 'maven-crm',
  tenantId: 'acme',
  folder: 'data/maven-crm',
  startedAt: '2026-03-02T00:00:00.000Z',
  durationMs: 812,
  files: [
    {
      file: 'accounts.csv',
      target: 'customers',
      rows: 85,
      loaded: 85,
      updated: 0,
      unchanged: 0,
      skipped: [],
      warnings: [],
      corrections: [{ what: 'sector "technolgy" → "technology"', count: 12 }],
    },
    {
      file: 'sales_pipeline.csv',
      target: 'deals',
      rows: 8800,
      loaded: 8798,
      updated: 0,
      unchanged: 0,
      skipped: [{ reason: 'engage_date is not a valid date (YYYY-MM-DD)', count: 2, rows: [17, 905] }],
      warnings: [{ reason: 'blank account: loaded without a customer', count: 1425, rows: [11, 44, 46, 58, 62, 84, 141, 159, 161, 176] }],
      corrections: [],
    },
  ],
  totals: { loaded: 8883, updated: 0, unchanged: 0, skipped: 2, warnings: 1425, corrections: 12 },
};

describe('formatImportReport', () => {
  const text = formatImportReport(report);

  it('prints one aligned line per file under bilingual headers, and a total', () => {
    const lines = text.split('\n');
    const header = lines.find((l) => l.startsWith('file/文件'))!;
    expect(header).toContain('loaded/新增');
    expect(header).toContain('skipped/跳过');
    const accounts = lines.find((l) => l.startsWith('accounts.csv'))!;
    expect(accounts.split(/\s{2,}/)).toEqual(['accounts.csv', 'customers', '85', '85', '0', '0', '0', '0']);
    expect(lines.find((l) => l.startsWith('total/合计'))!.split(/\s{2,}/)).toEqual(['total/合计', '8885', '8883', '0', '0', '2', '1425']);
  });

  it('lists corrections, warnings and skipped rows with their line numbers', () => {
    expect(text).toContain('accounts.csv: sector "technolgy" → "technology" × 12');
    expect(text).toContain('sales_pipeline.csv: engage_date is not a valid date (YYYY-MM-DD) × 2  (rows/行 17, 905)');
    expect(text).toContain('blank account: loaded without a customer × 1425  (rows/行 11, 44, 46, 58, 62, 84, 141, 159, …)');
  });
});
