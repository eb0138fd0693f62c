// The verification suite: every closed-form case, convergence rate and invariant, as the rows
// that `confine verify` prints and the committed table (docs/verification.json) holds.
import type { Gpu } from '../gpu/device.ts';
import { DotKernels } from '../gpu/dot.ts';
import { MultigridKernels } from '../solvers/multigrid.ts';
import { elasticityVerifyRows } from '../solvers/elasticity/verify-cases.ts';
import { multigridRows } from './multigrid-cases.ts';
import { transportRows } from './transport-cases.ts';
import { vesselExchangeRows } from './vessel-exchange-cases.ts';
import type { VerifyRow } from './types.ts';

export const POISSON_SIZES = [128, 256, 512, 1024];

export async function verificationRows(gpu: Gpu, log: (line: string) => void = () => {}): Promise<VerifyRow[]> {
  const mg = new MultigridKernels(gpu.device);
  const dots = new DotKernels(gpu.device);
  const rows: VerifyRow[] = [];
  const section = async (name: string, run: () => Promise<VerifyRow[]>) => {
    const t = performance.now();
    rows.push(...(await run()));
    log(`  ${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  await section('multigrid', () => multigridRows(gpu, mg, dots, POISSON_SIZES));
  await section('transport', () => transportRows({ gpu, mg, dots }));
  await section('vessel exchange', () => vesselExchangeRows({ gpu, mg, dots }));
  await section('elasticity', () => elasticityVerifyRows(gpu));
  return rows;
}
