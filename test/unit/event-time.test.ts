import { describe, expect, it } from 'vitest';
import { eventTime } from '../../src/capture/capture-context.js';

const now = new Date('2026-03-02T03:00:00.000Z');

describe('the time an event happened', () => {
  it.each([
    ['a past timestamp is believed', '2026-03-02T02:00:00.000Z', '2026-03-02T02:00:00.000Z'],
    ['a little clock skew ahead is believed', '2026-03-02T03:04:00.000Z', '2026-03-02T03:04:00.000Z'],
    ['a timestamp far in the future falls back to the clock', '5138-11-16T09:46:39.999Z', '2026-03-02T03:00:00.000Z'],
    ['an unparseable timestamp falls back to the clock', 'tomorrow', '2026-03-02T03:00:00.000Z'],
    ['a missing timestamp falls back to the clock', undefined, '2026-03-02T03:00:00.000Z'],
  ])('%s', (_name, iso, expected) => {
    expect(eventTime(iso, now).toISOString()).toBe(expected);
  });
});
