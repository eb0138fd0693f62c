import { describe, it, expect } from 'vitest';
import { createProgress, formatDuration } from '../../src/cli/progress.ts';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 200, write: (s: string) => chunks.push(s) } };
}

function fakeClock() {
  const clock = { t: 0, now: () => clock.t };
  return clock;
}

describe('createProgress', () => {
  it('prints a line every 5 % on a non-TTY stream, with elapsed time and ETA', () => {
    const { chunks, stream } = fakeStream(false);
    const clock = fakeClock();
    const p = createProgress(200, 'run', stream, clock.now);
    for (let i = 0; i < 200; i++) {
      clock.t += 1000;
      p.tick();
    }
    p.done();
    expect(chunks.length).toBe(20);
    expect(chunks.every((c) => c.endsWith('\n') && !c.includes('\r'))).toBe(true);
    expect(chunks[0]).toBe(`run    5%  [#${'-'.repeat(23)}]  10/200  elapsed 10s  eta 3m10s\n`);
    expect(chunks[19]).toContain('100%  [########################]  200/200  elapsed 3m20s');
    expect(chunks[19]).not.toContain('eta');
  });

  it('prints one line for a jump over several thresholds, and the note', () => {
    const { chunks, stream } = fakeStream(false);
    const clock = fakeClock();
    const p = createProgress(100, 'sweep', stream, clock.now);
    p.update(3);
    expect(chunks).toEqual([]);
    clock.t = 30_000;
    p.update(37, 'case 4/10');
    expect(chunks.length).toBe(1);
    expect(chunks[0]).toMatch(/^sweep   37% .* 37\/100  elapsed 30s  eta 51s  case 4\/10\n$/);
    p.update(39);
    expect(chunks.length).toBe(1);
    p.done();
    p.done();
    p.tick();
    expect(chunks.length).toBe(2);
    expect(chunks[1]).toContain(' 39/100  elapsed 30s  case 4/10\n');
  });

  it('redraws in place on a TTY, throttled, ending with a newline', () => {
    const { chunks, stream } = fakeStream(true);
    const clock = fakeClock();
    const p = createProgress(10, 'steps', stream, clock.now);
    p.tick();
    p.tick(); // within 100 ms of the last draw: skipped
    clock.t = 500;
    p.tick();
    p.done();
    expect(chunks.length).toBe(3);
    expect(chunks.every((c) => c.startsWith('\r') && c.includes('\x1b[K'))).toBe(true);
    expect(chunks[1]).toContain(' 30%');
    expect(chunks[2]!.endsWith('\n')).toBe(true);
  });

  it('formats durations', () => {
    expect([formatDuration(0), formatDuration(42_400), formatDuration(187_000), formatDuration(7_500_000)]).toEqual([
      '0s',
      '42s',
      '3m07s',
      '2h05m',
    ]);
    expect(formatDuration(NaN)).toBe('?');
  });
});
