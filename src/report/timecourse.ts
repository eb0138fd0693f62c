// Time courses of an arm: at each sampled time, the mean over its replicates and the 95 %
// interval. Replicates of one scenario sample the same times, so values are matched by time.
// Where they do not (a run that stopped early, a changed metrics interval) each time averages
// the replicates that have it, n says how many, and `aligned` is false so the report says so.
import { statOf, type Arm, type Readout, type Stat } from './aggregate.ts';

export interface TimePoint {
  /** Days since the start. */
  time: number;
  stat: Stat;
}

export interface TimeCourse {
  arm: Arm;
  readout: Readout;
  points: TimePoint[];
  /** Whether every replicate with this series sampled the same times. */
  aligned: boolean;
  /** Replicates that had the series (and its time column). */
  replicates: number;
}

// Times written by different runs as days from minutes can differ in the last bits; a
// microday (under 0.1 s) is far below any metrics interval.
const timeKey = (t: number) => Math.round(t * 1e6);

export function timeCourse(arm: Arm, readout: Readout): TimeCourse {
  const samples = new Map<number, { time: number; values: (number | null)[] }>();
  const timeSets = new Set<string>();
  let replicates = 0;
  for (const run of arm.ok) {
    const times = run.series?.time;
    const values = run.series?.[readout.name];
    if (!times || !values) continue;
    replicates++;
    const n = Math.min(times.length, values.length);
    const keys: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = times[i];
      if (typeof t !== 'number' || !Number.isFinite(t)) continue;
      const key = timeKey(t);
      keys.push(key);
      (samples.get(key) ?? samples.set(key, { time: t, values: [] }).get(key)!).values.push(values[i] ?? null);
    }
    timeSets.add(keys.join(','));
  }
  const points = [...samples.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, s]) => ({ time: s.time, stat: statOf(s.values) }));
  return { arm, readout, points, aligned: timeSets.size <= 1, replicates };
}
