// Runs shaders/cells/rules-probe.wgsl (every cell rule of rules.wgsl on rows of inputs; imported
// here only, so the app's bundle leaves it out) and the same rules' CPU twins, with CellParams as
// the shaders read them.
import rulesProbeWgsl from '../../shaders/cells/rules-probe.wgsl?raw';
import type { CellRuleParams } from '../../src/cells/cell-params.ts';
import { anoikisRate, chance, divisionRate, eventTime, iapAt, iapCourse, iapLife, lifeIapAt, lifeProtectedTime, motilityAt, motilityTime, nkProtection, poreSpeed, protectedTime, smacEffect, squeezePerMicron, stressSpeed } from '../../src/cells/rules.ts';
import { readBuffer, storageBuffer, storageFrom, uniformBuffer } from '../../src/gpu/buffers.ts';
import type { Gpu } from '../../src/gpu/device.ts';
import { Kernel, linearGroups } from '../../src/gpu/kernel.ts';
import { cellWgsl, compose, wgsl } from '../../src/gpu/shaders.ts';
import { packNamed, scalarStruct, unpackStruct } from '../../src/gpu/struct-layout.ts';
import { WG_1D } from '../../src/gpu/workgroup.ts';

export const RULE_INPUTS = ['po2', 'stress', 'density', 'pore', 'vonMises', 'smac', 'iap', 'motility', 'rate', 'dt', 'base', 'hold', 'level'] as const;
export type RuleRow = Record<(typeof RULE_INPUTS)[number], number>;

/** In the order of the probe's output vec4s. */
export const RULE_OUTPUTS = [
  'chance', 'divisionRate', 'poreSpeed', 'stressSpeed', 'smacEffect', 'iapAt', 'motilityAt', 'anoikisRate',
  'nkProtection', 'protectedTime', 'motilityTime', 'eventTime', 'squeezePerMicron', 'lifeIapAt', 'lifeProtectedTime',
] as const;
export type RuleOutputs = Record<(typeof RULE_OUTPUTS)[number], number>;

const FLOATS_PER_ROW = 16;

/** CellParams as a shader reads them: packed into the uniform's bytes and read back. */
export function storedCellParams(values: CellRuleParams): CellRuleParams {
  return unpackStruct(scalarStruct(cellWgsl.agents, 'CellParams'), packNamed(cellWgsl.agents, 'CellParams', values));
}

export async function probeRules(gpu: Gpu, values: CellRuleParams, rows: readonly RuleRow[]): Promise<RuleOutputs[]> {
  const device = gpu.device;
  const kernel = new Kernel(device, {
    label: 'RulesProbe',
    code: compose(wgsl.rng, cellWgsl.agents, cellWgsl.rules, rulesProbeWgsl),
    bindings: ['params', 'rows', 'out'],
  });
  const input = new Float32Array(rows.length * FLOATS_PER_ROW);
  rows.forEach((r, i) => input.set(RULE_INPUTS.map((k) => r[k]), i * FLOATS_PER_ROW));
  const params = uniformBuffer(device, 'RulesProbe.params', packNamed(cellWgsl.agents, 'CellParams', values));
  const inputs = storageFrom(device, 'RulesProbe.rows', input);
  const out = storageBuffer(device, 'RulesProbe.out', input.byteLength);
  const encoder = device.createCommandEncoder({ label: 'RulesProbe' });
  const pass = encoder.beginComputePass();
  kernel.dispatch(pass, kernel.bind('probe', { params, rows: inputs, out }), ...linearGroups(rows.length, WG_1D));
  pass.end();
  device.queue.submit([encoder.finish()]);
  const result = new Float32Array(await readBuffer(device, out));
  for (const b of [params, inputs, out]) b.destroy();
  return rows.map((_, i) => Object.fromEntries(RULE_OUTPUTS.map((k, j) => [k, result[i * FLOATS_PER_ROW + j]])) as RuleOutputs);
}

/** The CPU twins on one row, chained as the probe chains them. */
export function twinRules(p: CellRuleParams, r: RuleRow): RuleOutputs {
  const effect = smacEffect(p, r.smac);
  const course = iapCourse(r.iap, effect, 0, r.base, p.iap_relax, p.smac_degradation);
  const life = iapLife(p, r.iap, effect, 0, r.hold, r.level, r.base);
  return {
    chance: chance(r.rate, r.dt),
    divisionRate: divisionRate(p, r.po2, r.stress, r.density),
    poreSpeed: poreSpeed(r.pore, p.nucleus),
    stressSpeed: stressSpeed(r.vonMises, p.stress_decay),
    smacEffect: effect,
    iapAt: iapAt(course, r.dt),
    motilityAt: motilityAt(p, r.motility, 0, r.dt, r.base),
    anoikisRate: anoikisRate(p, r.iap),
    nkProtection: nkProtection(p, r.iap),
    protectedTime: protectedTime(course, p.iap_protection, 0, r.dt),
    motilityTime: motilityTime(p, r.motility, 0, 0, r.dt, r.base),
    eventTime: eventTime(r.rate * r.dt, Math.fround(0.999 * r.rate), r.dt),
    squeezePerMicron: squeezePerMicron(p, r.pore),
    lifeIapAt: lifeIapAt(life, r.dt),
    lifeProtectedTime: lifeProtectedTime(life, p.iap_protection, 0, r.dt),
  };
}
