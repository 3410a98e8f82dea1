import type { FileReport, ImportReport, IssueSummary } from './import-report.js';

/** Row numbers shown per reason in the printed table (the report itself keeps MAX_ROWS_LISTED). */
const ROWS_SHOWN = 8;

const columns: Array<{ en: string; zh: string; value: (f: FileReport) => string | number; right?: boolean }> = [
  { en: 'file', zh: '文件', value: (f) => f.file },
  { en: 'target', zh: '写入', value: (f) => f.target },
  { en: 'rows', zh: '行数', value: (f) => f.rows, right: true },
  { en: 'loaded', zh: '新增', value: (f) => f.loaded, right: true },
  { en: 'updated', zh: '更新', value: (f) => f.updated, right: true },
  { en: 'unchanged', zh: '未变', value: (f) => f.unchanged, right: true },
  { en: 'skipped', zh: '跳过', value: (f) => total(f.skipped), right: true },
  { en: 'warnings', zh: '警告', value: (f) => total(f.warnings), right: true },
];

/** The import report as a plain-text table with English and Chinese labels, for the CLI. */
export function formatImportReport(report: ImportReport): string {
  const lines: string[] = [];
  lines.push(`${report.source} → tenant "${report.tenantId}" / 租户「${report.tenantId}」  (${report.folder}, ${report.durationMs} ms)`);
  lines.push('');
  const header = columns.map((c) => `${c.en}/${c.zh}`);
  const body = report.files.map((f) => columns.map((c) => String(c.value(f))));
  const t = report.totals;
  const rows = report.files.reduce((n, f) => n + f.rows, 0);
  const footer = ['total/合计', '', rows, t.loaded, t.updated, t.unchanged, t.skipped, t.warnings].map(String);
  lines.push(...table([header, ...body, footer]));

  const tables = report.files.filter((f) => f.tables);
  for (const f of tables) {
    for (const [name, counts] of Object.entries(f.tables!)) {
      lines.push(`  ${f.file} → ${name}: loaded/新增 ${counts.loaded}, updated/更新 ${counts.updated}, unchanged/未变 ${counts.unchanged}`);
    }
  }

  lines.push('', 'Corrections / 自动更正:');
  const corrections = report.files.flatMap((f) => f.corrections.map((c) => `  ${f.file}: ${c.what} × ${c.count}`));
  lines.push(...(corrections.length > 0 ? corrections : ['  (none / 无)']));
  lines.push('', 'Loaded with warnings / 已导入但有警告:');
  lines.push(...issueLines(report.files, (f) => f.warnings));
  lines.push('', 'Skipped rows / 跳过的行 (row = line number in the file / 行号 = 文件中的行):');
  lines.push(...issueLines(report.files, (f) => f.skipped));
  return lines.join('\n');
}

function issueLines(files: FileReport[], pick: (f: FileReport) => IssueSummary[]): string[] {
  const lines = files.flatMap((f) =>
    pick(f).map((issue) => {
      const shown = issue.rows.slice(0, ROWS_SHOWN).join(', ');
      const more = issue.count > ROWS_SHOWN ? ', …' : '';
      return `  ${f.file}: ${issue.reason} × ${issue.count}  (rows/行 ${shown}${more})`;
    }),
  );
  return lines.length > 0 ? lines : ['  (none / 无)'];
}

function total(issues: Array<{ count: number }>): number {
  return issues.reduce((n, i) => n + i.count, 0);
}

/** Aligned columns; numbers right-aligned; CJK characters count as two columns wide. */
function table(rows: string[][]): string[] {
  const widths = columns.map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i] ?? ''))));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - displayWidth(cell));
        return columns[i]!.right ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}
