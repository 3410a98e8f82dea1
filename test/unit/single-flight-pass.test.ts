import { describe, expect, it } from 'vitest';
import { SingleFlightPass } from '../../src/background/single-flight-pass.js';

describe('a single-flight background pass', () => {
  it('runs one pass at a time and collapses kicks during a pass into exactly one more', async () => {
    let passes = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const runner = new SingleFlightPass(async () => {
      passes += 1;
      concurrent += 1;
      maxConcurrent = Math.max(maxConcurrent, concurrent);
      await new Promise((resolve) => setTimeout(resolve, 5));
      concurrent -= 1;
    }, () => {});
    for (let i = 0; i < 10; i++) runner.kick();
    await runner.idle();
    expect(passes).toBe(2);
    expect(maxConcurrent).toBe(1);
  });

  it('reports a failed pass and keeps working', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const runner = new SingleFlightPass(async () => {
      calls += 1;
      if (calls === 1) throw new Error('database down');
    }, (error) => errors.push(error));
    runner.kick();
    await runner.idle();
    runner.kick();
    await runner.idle();
    expect(calls).toBe(2);
    expect(errors.map((e) => (e as Error).message)).toEqual(['database down']);
  });

  it('starts nothing after stop', async () => {
    let calls = 0;
    const runner = new SingleFlightPass(async () => {
      calls += 1;
    }, () => {});
    await runner.stop();
    runner.kick();
    await runner.idle();
    expect(calls).toBe(0);
  });
});
