import { acquireGpu } from '../src/gpu/device.ts';
import { convergenceScenario, FULL_PLAN, modelReadouts } from '../src/verify/model-convergence.ts';
const gpu = await acquireGpu();
const arms: { h: number; dt?: number; seed?: number; p?: Record<string, number> }[] = JSON.parse(process.env.ARMS!);
for (const a of arms) {
  const base = convergenceScenario({ ...FULL_PLAN, durationDays: Number(process.env.DAYS ?? 14) }, { hMicrons: a.h, dtMinutes: a.dt ?? 240 }, a.seed ?? 1);
  const sc = { ...base, parameters: { ...base.parameters, ...(a.p ?? {}) } };
  const t = performance.now();
  const r = await modelReadouts(gpu, sc);
  console.log(JSON.stringify({ ...a, ...Object.fromEntries(Object.entries(r).map(([k, v]) => [k, +v.toPrecision(4)])), s: +((performance.now() - t) / 1000).toFixed(0) }));
}
process.exit(0);
