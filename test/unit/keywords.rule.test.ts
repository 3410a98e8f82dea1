import { describe, expect, it } from 'vitest';
import { extractKeywords } from '../../src/core/rules/keywords.rule.js';

describe('extractKeywords', () => {
  it.each([
    ['客户说预算下周批', ['budget']],
    ['发了报价单，对方在走合同', ['quote', 'contract']],
    ['法务在看条款，回款要等下个月', ['legal', 'payment']],
    ['他们也在看竞争对手的方案', ['competitor']],
    ['友商报价更低', ['quote', 'competitor']],
    ['打款已到账', ['payment']],
    ['The BUDGET is approved', ['budget']],
    ['sent the quotation and the contracts', ['quote', 'contract']],
    ['Legal wants changes before payment', ['legal', 'payment']],
    ['two competitors are in the deal', ['competitor']],
    ['budget, quote, contract, legal, payment, competitor', ['budget', 'quote', 'contract', 'legal', 'payment', 'competitor']],
    ['预算预算 budget budgets', ['budget']],
  ])('finds the keywords in %j', (text, keys) => {
    expect(extractKeywords(text)).toEqual(keys);
  });

  it.each([
    ['the contractor arrives Monday'],
    ['that would be illegal'],
    ['unquoted figures'],
    ['nice weather today'],
    ['今天天气不错'],
    [''],
  ])('finds nothing in %j', (text) => {
    expect(extractKeywords(text)).toEqual([]);
  });

  it('finds nothing in a missing text', () => {
    expect(extractKeywords(null)).toEqual([]);
    expect(extractKeywords(undefined)).toEqual([]);
  });

  it('matches English next to Chinese without a space', () => {
    expect(extractKeywords('客户要budget表')).toEqual(['budget']);
  });

  it('matches full-width English letters', () => {
    expect(extractKeywords('ＢＵＤＧＥＴ ok')).toEqual(['budget']);
  });
});
