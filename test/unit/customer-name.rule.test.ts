import { describe, expect, it } from 'vitest';
import { splitWords } from '../../src/core/rules/bot-command.rule.js';
import {
  customerSearchSeed,
  matchCustomerName,
  matchLeadingContactName,
  matchLeadingCustomerName,
  nameSimilarity,
  normalizeName,
} from '../../src/core/rules/customer-name.rule.js';

const customers = [
  { id: 'acme', name: 'Acme' },
  { id: 'acme-asia', name: 'Acme Asia Pacific' },
  { id: 'globex', name: 'Globex Corporation' },
  { id: 'huawei', name: '华为技术有限公司' },
  { id: 'huawei-cloud', name: '华为云计算' },
  { id: 'tencent', name: '腾讯' },
  { id: 'initech-1', name: 'Initech' },
  { id: 'initech-2', name: 'Initech' },
];

function ids(list: Array<{ id: string }>): string[] {
  return list.map((c) => c.id);
}

describe('matchCustomerName', () => {
  it.each([
    ['Acme', 'acme', 'exact'],
    ['acme', 'acme', 'case_insensitive'],
    ['ＡＣＭＥ', 'acme', 'case_insensitive'],
    ['acme asia pacific', 'acme-asia', 'case_insensitive'],
    ['Globex', 'globex', 'substring'],
    ['腾讯', 'tencent', 'exact'],
    ['华为技术', 'huawei', 'substring'],
    ['Acme,', 'acme', 'case_insensitive'],
  ])('finds %j as %s by %s', (query, id, by) => {
    const result = matchCustomerName(query, customers);
    expect(result).toMatchObject({ status: 'matched', match: { id }, by });
  });

  it.each([
    ['华为', ['huawei-cloud', 'huawei']],
    ['Initech', ['initech-1', 'initech-2']],
    ['a', ['acme', 'acme-asia', 'globex']],
  ])('calls %j ambiguous and lists at most three candidates', (query, candidates) => {
    const result = matchCustomerName(query, customers);
    expect(result.status).toBe('ambiguous');
    if (result.status === 'ambiguous') expect(ids(result.candidates)).toEqual(candidates);
  });

  it('suggests look-alike names when nothing matches', () => {
    const result = matchCustomerName('Globax Corp', customers);
    expect(result.status).toBe('none');
    if (result.status === 'none') expect(ids(result.candidates)).toContain('globex');
  });

  it('matches nothing for an empty query', () => {
    expect(matchCustomerName('  ', customers)).toEqual({ status: 'none', candidates: [] });
  });
});

describe('matchLeadingCustomerName', () => {
  it.each([
    ['Acme Jane budget', 'acme', 1],
    ['Acme Asia Pacific Jane budget', 'acme-asia', 3],
    ['acme asia pacific kickoff', 'acme-asia', 3],
    ['"Acme Asia Pacific" kickoff', 'acme-asia', 1],
    ['腾讯 张总 聊预算', 'tencent', 1],
    ['华为技术 张伟 报价', 'huawei', 1],
    ['Globex', 'globex', 1],
  ])('finds the customer at the start of %j and where the rest begins', (text, id, nextWord) => {
    expect(matchLeadingCustomerName(splitWords(text), customers)).toMatchObject({ status: 'matched', match: { id }, nextWord });
  });

  it('prefers an exact short name over a longer substring match', () => {
    expect(matchLeadingCustomerName(splitWords('Acme Asia trip'), customers)).toMatchObject({ status: 'matched', match: { id: 'acme' } });
  });

  it('reports an ambiguous leading name with the words it tried', () => {
    const result = matchLeadingCustomerName(splitWords('华为 张伟 报价'), customers);
    expect(result).toMatchObject({ status: 'ambiguous', query: '华为' });
  });

  it('reports an unknown leading name with its first word', () => {
    expect(matchLeadingCustomerName(splitWords('Umbrella call'), customers)).toMatchObject({ status: 'none', query: 'Umbrella' });
  });
});

describe('name helpers', () => {
  it.each([
    ['  ACME   Corp， ', 'acme corp'],
    ['華為', '華為'],
    ['Ｇｌｏｂｅｘ。', 'globex'],
  ])('normalizes %j to %j', (raw, normalized) => {
    expect(normalizeName(raw)).toBe(normalized);
  });

  it.each([
    ['华为技术', '华为'],
    ['Acme Corp', 'ac'],
    ['x', 'x'],
  ])('searches for %j with the seed %j', (query, seed) => {
    expect(customerSearchSeed(query)).toBe(seed);
  });

  it('scores identical names 1 and unrelated names 0', () => {
    expect(nameSimilarity('Globex', 'globex')).toBe(1);
    expect(nameSimilarity('Globex', '腾讯')).toBe(0);
  });
});

describe('matchLeadingContactName', () => {
  const contacts = [
    { id: 'jane', name: 'Jane Doe' },
    { id: 'john', name: 'John Doe' },
    { id: 'zhang', name: '张伟' },
  ];

  it.each([
    ['Jane Doe signed', 'jane', 2],
    ['jane doe signed', 'jane', 2],
    ['"Jane Doe" signed', 'jane', 1],
    ['Jane signed', 'jane', 1],
    ['张伟 聊了预算', 'zhang', 1],
  ])('finds the contact at the start of %j and the words it used', (text, id, words) => {
    expect(matchLeadingContactName(splitWords(text), contacts)).toEqual({ match: expect.objectContaining({ id }), words });
  });

  it.each([
    ['Doe signed', 'a name part shared by two contacts'],
    ['discussed the budget', 'no contact name'],
    ['张总 聊了预算', 'a title instead of the name'],
  ])('leaves %j to the summary when it starts with %s', (text) => {
    expect(matchLeadingContactName(splitWords(text), contacts)).toBeUndefined();
  });
});
