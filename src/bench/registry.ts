// Every benchmark case, in the order the runners take them: the roofline pair and the dispatch
// probe first (cheap, and the bandwidth and dispatch cost the rest are judged against), then the solves, then whole steps.
import type { BenchCase } from './case.ts';
import { copy, dispatch, smootherSweep } from './cases/roofline.ts';
import { drugStep, oxygenSolve, stressSolve } from './cases/solves.ts';
import { agentStep, defaultStep, defaultStepFixed } from './cases/steps.ts';

export const BENCH_CASES: readonly BenchCase[] = [copy, dispatch, smootherSweep, oxygenSolve, drugStep, stressSolve, agentStep, defaultStep, defaultStepFixed];

export function caseNamed(name: string): BenchCase {
  const found = BENCH_CASES.find((c) => c.name === name);
  if (!found) throw new Error(`no benchmark case "${name}"; the cases are ${BENCH_CASES.map((c) => c.name).join(', ')}`);
  return found;
}
