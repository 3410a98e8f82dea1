import { describe, expect, it } from 'vitest';
import { readXml } from '../../adapters/wecom/xml.js';
import { findRepeatedParam, singleValuedQuery } from '../../src/http/query-params.js';
import { isTenantSlug } from '../../src/http/tenant-slug.js';

describe('isTenantSlug', () => {
  it.each(['default', 'demo', 'acme', 'globex-2', 'a_b', '0day', `x${'y'.repeat(62)}`])('accepts %s', (slug) => {
    expect(isTenantSlug(slug)).toBe(true);
  });
  it.each(['', 'a\u0000b', 'Demo', '-demo', '_demo', 'de mo', 'démo', 'a/b', 'a.b', `x${'y'.repeat(63)}`])('refuses %j', (slug) => {
    expect(isTenantSlug(slug)).toBe(false);
  });
});

describe('query parameters given more than once', () => {
  it('names the first repeated parameter', () => {
    expect(findRepeatedParam({ timestamp: '1', signature: ['A', 'B'] })).toBe('signature');
    expect(findRepeatedParam({ timestamp: '1', nonce: 'n' })).toBeUndefined();
    expect(findRepeatedParam(undefined)).toBeUndefined();
  });
  it('hands adapters one string per parameter', () => {
    expect(singleValuedQuery({ a: '1', b: '' })).toEqual({ a: '1', b: '' });
  });
});

describe('WeCom XML reader limits', () => {
  const label = { en: 'The request body', zh: '请求体' };

  it('refuses XML nested 101+ levels deep with a rejection instead of throwing', () => {
    const deep = `<xml>${'<a>'.repeat(120)}x${'</a>'.repeat(120)}</xml>`;
    expect(readXml(deep, label)).toMatchObject({ kind: 'rejected', status: 400, code: 'malformed_body', message: expect.stringContaining('nested') });
  });

  it('still reads the deepest element WeCom sends (a card event selection)', () => {
    const card = '<xml><SelectedItems><SelectedItem><QuestionKey>q</QuestionKey><OptionIds><OptionId>o1</OptionId></OptionIds></SelectedItem></SelectedItems></xml>';
    expect(readXml(card, label)).toEqual({ root: { SelectedItems: { SelectedItem: [{ QuestionKey: 'q', OptionIds: { OptionId: ['o1'] } }] } } });
  });

  it('keeps the message short for a document with thousands of unclosed tags', () => {
    const rejection = readXml(`<xml>${'<a>'.repeat(10_000)}`, label) as { message: string };
    expect(rejection.message.length).toBeLessThan(400);
  });
});
