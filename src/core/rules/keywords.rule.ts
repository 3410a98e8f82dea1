/**
 * Sales keywords worth flagging on an action: budget, quote, contract, legal, payment, competitor.
 * Chinese terms match anywhere (Chinese has no spaces); English terms are case-insensitive and need a
 * word-ish boundary on both sides, so "budgets" matches but "contractor" and "illegal" do not.
 */

export const keywordKeys = ['budget', 'quote', 'contract', 'legal', 'payment', 'competitor'] as const;
export type KeywordKey = (typeof keywordKeys)[number];

interface KeywordTerms {
  zh: string[];
  /** Whole English words (inflections listed explicitly: no stemming surprises). */
  en: string[];
}

/** The catalogue: add a synonym here and every capture path picks it up. */
export const keywordTerms: Record<KeywordKey, KeywordTerms> = {
  budget: { zh: ['预算'], en: ['budget', 'budgets', 'budgeted', 'budgeting'] },
  quote: { zh: ['报价', '报价单'], en: ['quote', 'quotes', 'quoted', 'quotation', 'quotations'] },
  contract: { zh: ['合同', '签约'], en: ['contract', 'contracts'] },
  legal: { zh: ['法务', '律师'], en: ['legal', 'lawyer', 'lawyers'] },
  payment: { zh: ['付款', '回款', '打款', '支付'], en: ['payment', 'payments'] },
  competitor: { zh: ['竞品', '竞争对手', '友商'], en: ['competitor', 'competitors', 'competition'] },
};

const WORD_CHAR = 'A-Za-z0-9';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const patterns: Array<[KeywordKey, RegExp]> = keywordKeys.map((key) => {
  const { zh, en } = keywordTerms[key];
  const english = en.map((w) => `(?<![${WORD_CHAR}])${escapeRegExp(w)}(?![${WORD_CHAR}])`);
  const chinese = zh.map(escapeRegExp);
  return [key, new RegExp([...chinese, ...english].join('|'), 'i')];
});

/** The canonical keys found in `text`, in catalogue order, each once. */
export function extractKeywords(text: string | null | undefined): KeywordKey[] {
  if (!text) return [];
  const normalized = text.normalize('NFKC');
  return patterns.filter(([, pattern]) => pattern.test(normalized)).map(([key]) => key);
}
