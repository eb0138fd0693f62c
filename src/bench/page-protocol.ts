// What the browser runner and the bench page (bench.html) agree on: the suite's options as a
// URL query, and the state the page leaves on window for the runner to read back.
import type { BenchReport } from './result.ts';
import type { SuiteOptions } from './suite.ts';

export interface BenchPageState {
  state: 'running' | 'done' | 'failed';
  report?: BenchReport;
  error?: string;
}

/** Lines the page logs with this prefix are progress, which the runner passes on. */
export const LOG_PREFIX = '[bench] ';

export function suiteQuery(o: SuiteOptions, commit: string): string {
  const q = new URLSearchParams({ repeats: String(o.repeats), warmup: String(o.warmup), commit });
  if (o.cases) q.set('cases', o.cases.join(','));
  if (o.smoke) q.set('smoke', '1');
  if (o.gridSizes) q.set('sizes', o.gridSizes.join(','));
  if (o.agentCounts) q.set('cells', o.agentCounts.join(','));
  if (o.maxSecondsPerRepeat !== undefined) q.set('maxSeconds', String(o.maxSecondsPerRepeat));
  return q.toString();
}

export function parseSuiteQuery(search: string): { options: SuiteOptions; commit: string } {
  const q = new URLSearchParams(search);
  const list = (key: string) => q.get(key)?.split(',').map(Number);
  const number = (key: string, fallback: number) => (q.has(key) ? Number(q.get(key)) : fallback);
  const options: SuiteOptions = {
    repeats: number('repeats', 3),
    warmup: number('warmup', 1),
    smoke: q.get('smoke') === '1',
    ...(q.has('cases') ? { cases: q.get('cases')!.split(',') } : {}),
    ...(q.has('sizes') ? { gridSizes: list('sizes') } : {}),
    ...(q.has('cells') ? { agentCounts: list('cells') } : {}),
    ...(q.has('maxSeconds') ? { maxSecondsPerRepeat: Number(q.get('maxSeconds')) } : {}),
  };
  return { options, commit: q.get('commit') ?? 'unknown' };
}
