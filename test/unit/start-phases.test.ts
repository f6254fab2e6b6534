/** The start log's phase line: phases in order, their parts in brackets, parts under 50 ms left out, the CPU at the end. */
import { describe, expect, it } from 'vitest';
import { StartPhases, untimed } from '../../src/server/platform/start-phases.ts';

/** A clock that moves only when told: each step() call advances it by ms. */
function fakeClock() {
  let t = 0;
  return {
    now: () => t,
    step: async (ms: number) => {
      t += ms;
    },
  };
}

describe('start phases', () => {
  it('prints each phase with its parts, leaving out parts under 50 ms', async () => {
    const clock = fakeClock();
    const p = new StartPhases(clock.now);
    p.record('modules', 1234);
    await p.time('database', () => clock.step(4560));
    const value = await p.time('seed', async () => {
      await p.part('orgs', () => clock.step(1200));
      await p.part('tiny', () => clock.step(49));
      await p.part('instruments', () => clock.step(800));
      return 42;
    });
    expect(value).toBe(42);
    const line = p.line();
    expect(line).toMatch(/^modules 1\.2 s · database 4\.6 s · seed 2\.0 s \(orgs 1\.2, instruments 0\.8\) · cpu \d+\.\d s$/);
    expect(line).not.toContain('tiny');
  });

  it('times a phase that throws, and a part outside a phase as a phase of its own', async () => {
    const clock = fakeClock();
    const p = new StartPhases(clock.now);
    await expect(
      p.time('migrate', async () => {
        await clock.step(300);
        throw new Error('bad migration');
      }),
    ).rejects.toThrow('bad migration');
    await p.part('listen', () => clock.step(100));
    expect(p.line()).toMatch(/^migrate 0\.3 s · listen 0\.1 s · cpu /);
    // callers that do not time pass the stand-in, which only runs the function
    expect(await untimed.part('x', async () => 'ran')).toBe('ran');
  });
});
