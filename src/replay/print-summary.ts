import type { CaptureFate } from './follow-capture.js';
import type { ReplayResult, ReplayStatus } from './replay-payloads.js';

const order: ReplayStatus[] = ['accepted', 'duplicate', 'ignored', 'handshake', 'rejected', 'skipped', 'unrecognised'];

/** Prints one line per file, then the totals: accepted, duplicate, ignored (by reason), rejected (by reason). */
export function printReplaySummary(
  results: ReplayResult[],
  options: { target: string; relative: (p: string) => string; captured?: Map<string, CaptureFate> },
): void {
  console.log(`replayed ${results.length} payload file(s) to ${options.target}\n`);
  for (const r of results) {
    const fate = describeFate(r, options.captured);
    console.log(`  ${r.status.padEnd(12)} ${(r.platform ?? '-').padEnd(9)} ${options.relative(r.file)}${r.reason ? `  — ${r.reason}` : ''}${fate}`);
  }
  console.log('\nsummary:');
  for (const status of order) {
    const matching = results.filter((r) => r.status === status);
    if (matching.length === 0) continue;
    console.log(`  ${status}: ${matching.length}`);
    if (status === 'ignored' || status === 'rejected' || status === 'skipped' || status === 'unrecognised') {
      const byReason = new Map<string, number>();
      for (const r of matching) byReason.set(r.reason ?? '(no reason)', (byReason.get(r.reason ?? '(no reason)') ?? 0) + 1);
      for (const [reason, count] of byReason) console.log(`    ${count} × ${reason}`);
    }
  }
  if (options.captured) {
    const fates = [...options.captured.values()];
    const actions = fates.reduce((n, f) => n + f.actions, 0);
    const processed = fates.filter((f) => f.status === 'processed').length;
    const ignored = fates.filter((f) => f.status === 'ignored');
    const failed = fates.filter((f) => f.status === 'failed' || f.status === 'pending');
    console.log(`  capture: ${processed} processed (${actions} sales action(s)), ${ignored.length} ignored by capture, ${failed.length} not processed`);
    const reasons = new Map<string, number>();
    for (const f of [...ignored, ...failed]) reasons.set(f.reason ?? f.status, (reasons.get(f.reason ?? f.status) ?? 0) + 1);
    for (const [reason, count] of reasons) console.log(`    ${count} × ${reason}`);
  }
}

function describeFate(result: ReplayResult, captured?: Map<string, CaptureFate>): string {
  if (!captured || result.inboxIds.length === 0) return '';
  return result.inboxIds
    .map((id) => {
      const fate = captured.get(id);
      if (!fate) return '';
      if (fate.status === 'processed') {
        const actions = fate.actions > 0 ? `${fate.actions} sales action${fate.actions === 1 ? '' : 's'}` : 'no sales action';
        return `  → processed (${actions}${fate.note ? `; ${fate.note}` : ''})`;
      }
      return `  → ${fate.status}${fate.reason ? `: ${fate.reason}` : ''}`;
    })
    .join('');
}
