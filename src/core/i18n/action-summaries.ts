/** Summaries salesbeat writes on actions it captures by itself (the rep did not type them). */
import type { Bilingual } from './bilingual.js';

export function callSummary(direction: 'outbound' | 'inbound', answered: boolean): Bilingual {
  const zh = `${direction === 'outbound' ? '呼出' : '呼入'}电话，${answered ? '已接通' : '未接通'}`;
  const en = `${direction} call, ${answered ? 'answered' : 'not answered'}`;
  return { zh, en };
}

/** Stored summaries keep both languages on one line: "呼出电话，已接通 (outbound call, answered)". */
export function storedSummary(text: Bilingual, detail?: string | null): string {
  const head = `${text.zh} (${text.en})`;
  return detail ? `${head}\n${detail}` : head;
}
