import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../src/core/rules/phone-number.rule.js';

describe('normalizePhone', () => {
  it.each([
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['(010) 8888-6666', '01088886666'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['８６１３８１２３４５６７８', '13812345678'],
    ['86123', '86123'],
    ['', ''],
  ])('normalizes %j to %j', (raw, normalized) => {
    expect(normalizePhone(raw)).toBe(normalized);
  });

  it('normalizes a missing number to an empty string', () => {
    expect(normalizePhone(undefined)).toBe('');
  });
});
