// --checkpoint-every, shared by confine run and confine sweep: a number of steps, or of
// simulated days that must come to a whole number of steps.

/** How often --checkpoint-every saves: a number of steps, or of simulated days. */
export type CheckpointInterval = { steps: number } | { days: number };

/** --checkpoint-every's value: `12` (steps) or `2d` / `0.5d` (simulated days). */
export function parseCheckpointEvery(text: string): CheckpointInterval {
  const days = /^(.+)d$/.exec(text.trim());
  const n = Number(days ? days[1] : text);
  if (text.trim() !== '' && (days ? n > 0 && Number.isFinite(n) : Number.isInteger(n) && n >= 1)) return days ? { days: n } : { steps: n };
  throw new RangeError(`--checkpoint-every = ${text} must be a whole number of steps ≥ 1 (e.g. 12) or a number of days > 0 with a d suffix (e.g. 2d)`);
}

/** The interval in steps of `dtMinutes`; days must come to a whole number of steps. */
export function checkpointSteps(interval: CheckpointInterval, dtMinutes: number): number {
  if ('steps' in interval) return interval.steps;
  const steps = (interval.days * 1440) / dtMinutes;
  // A day count typed in decimals (0.3d) need not divide exactly in binary.
  const whole = Math.round(steps);
  if (Math.abs(steps - whole) < 1e-9 * Math.max(1, whole) && whole >= 1) return whole;
  throw new RangeError(`--checkpoint-every = ${interval.days}d is ${steps} steps of ${dtMinutes} min; it must be a whole number of steps ≥ 1`);
}
