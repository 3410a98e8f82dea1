import type { ReplayResult, ReplayStatus } from './replay-payloads.js';

/** Answers that mean the service took the file: stored, already stored, stored as ignored, or a URL handshake. */
const TAKEN: ReadonlySet<ReplayStatus> = new Set(['accepted', 'duplicate', 'ignored', 'handshake']);
/** Answers that mean something is wrong with the files or the target. */
const FAILED: ReadonlySet<ReplayStatus> = new Set(['rejected', 'unrecognised']);

/**
 * The exit code of `salesbeat replay`: 1 when any file was rejected by the service or not recognised as a
 * platform payload, or when no file at all was taken (every one skipped); else 0. Duplicates count as taken,
 * so replaying the same folder twice still succeeds; skipped files alone (not inbound requests) do not fail a run.
 */
export function replayExitCode(results: readonly ReplayResult[]): 0 | 1 {
  if (results.some((r) => FAILED.has(r.status))) return 1;
  return results.some((r) => TAKEN.has(r.status)) ? 0 : 1;
}

/** Advice printed after the summary, for the mistakes people make most. */
export function replayHints(results: readonly ReplayResult[], options: { tenantId: string; tenantGiven: boolean }): string[] {
  const hints: string[] = [];
  const notConfigured = results.filter((r) => r.status === 'rejected' && r.errorCode === 'not_configured');
  if (notConfigured.length > 0 && !options.tenantGiven) {
    const platforms = [...new Set(notConfigured.map((r) => r.platform ?? '?'))].join(', ');
    hints.push(
      `hint: tenant "${options.tenantId}" (used because no --tenant was given) has no ${platforms} keys on that service. ` +
        'To replay against the demo (salesbeat serve --demo) add --tenant demo; for your own tenant, configure its keys. ' +
        `提示：未指定 --tenant，默认租户“${options.tenantId}”未配置 ${platforms}；演示环境请加 --tenant demo。`,
    );
  }
  if (results.length > 0 && results.every((r) => r.status === 'unrecognised')) {
    hints.push('hint: none of these files is a recorded Feishu, DingTalk, WeCom or call-record payload (see ../shared/data/payloads for examples).');
  }
  return hints;
}
