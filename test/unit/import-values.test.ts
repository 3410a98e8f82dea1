import { describe, expect, it } from 'vitest';
import { optionalText, parseScaledDecimal, parseShanghaiDate, parseWholeNumber } from '../../src/import/import-values.js';

describe('parseShanghaiDate', () => {
  it.each([
    ['2016-10-20', '2016-10-19T16:00:00.000Z'],
    ['2017-12-31', '2017-12-30T16:00:00.000Z'],
    [' 2017-03-01 ', '2017-02-28T16:00:00.000Z'],
    ['2016-02-29', '2016-02-28T16:00:00.000Z'],
  ])('reads %s as midnight in Asia/Shanghai (%s)', (text, expected) => {
    expect(parseShanghaiDate(text)?.toISOString()).toBe(expected);
  });

  it.each(['2017-02-30', '2017-13-01', '2017-1-5', '01/03/2017', '2017-03-01T00:00:00Z', '', 'n/a'])('refuses %j', (text) => {
    expect(parseShanghaiDate(text)).toBeUndefined();
  });
});

describe('parseScaledDecimal', () => {
  it.each([
    ['1100.04', 8, 110_004_000_000],
    ['4.54', 8, 454_000_000],
    ['11698.03', 8, 1_169_803_000_000],
    ['1054', 2, 105_400],
    ['0', 2, 0],
    ['12.345', 2, 1_235],
    ['12.344', 2, 1_234],
    ['0.1', 2, 10],
  ])('scales %s by 10^%i to %i without float error', (text, digits, expected) => {
    expect(parseScaledDecimal(text, digits)).toBe(expected);
  });

  it.each(['-5', '1,000', '1e3', 'abc', '', '.5', '99999999999999999999'])('refuses %j', (text) => {
    expect(parseScaledDecimal(text, 2)).toBeUndefined();
  });
});

describe('parseWholeNumber and optionalText', () => {
  it('reads whole numbers only', () => {
    expect(parseWholeNumber('2822')).toBe(2822);
    expect(parseWholeNumber('28.5')).toBeUndefined();
    expect(parseWholeNumber('-1')).toBeUndefined();
  });

  it('turns blank text into null and trims the rest', () => {
    expect(optionalText('  ')).toBeNull();
    expect(optionalText(undefined)).toBeNull();
    expect(optionalText(' Acme ')).toBe('Acme');
  });
});
