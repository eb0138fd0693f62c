// Collagen is one field that sets both the modulus the stress solve uses and the pores the cells
// move through: after two days of softening, every grid cell's stiffness is E_normal·ECMᵏ and its
// pore diameter d₀/√ECM·exp(−p_s/p_pore) for the same ECM, which the softening has lowered; and a
// stiffer tumour has narrower pores as well as a higher modulus.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCENARIO_JSON, parseScenario } from '../../src/model/scenario.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { snapshot } from '../../src/sim/snapshot.ts';
import type { Gpu } from '../../src/gpu/device.ts';
import { scoped, useGpu } from './fixture.ts';

async function fieldsAfter(gpu: Gpu, days: number, parameters: Record<string, number>) {
  const scenario = parseScenario({
    ...DEFAULT_SCENARIO_JSON,
    parameters: {
      ...DEFAULT_SCENARIO_JSON.parameters, nx: 64, ny: 64, dxMicrons: 40, dtMinutes: 240, durationDays: days,
      softenerDoseRelative: 1, softenerStartDay: 0, smacDoseNM: 0, ...parameters,
    },
  }, 'collagen chain');
  return scoped(gpu, async () => {
    const sim = new Simulation(gpu, scenario);
    try {
      for (let s = 0; s < sim.stepCount; s++) await sim.step();
      const fields = Object.fromEntries((await snapshot(sim)).map((f) => [f.name, f.data]));
      return { p: sim.parameters, laid: sim.world.collagen, tumour: sim.world.tumourArea, fields };
    } finally {
      sim.destroy();
    }
  });
}

describe('collagen sets stiffness and pores', () => {
  const gpu = useGpu();

  it('gives every grid cell the modulus and the pores of one softened collagen density', async () => {
    const { p, laid, fields } = await fieldsAfter(gpu(), 2, {});
    const ecm = fields['ECM density'], E = fields['stiffness'], pore = fields['pore size'], stress = fields['compressive stress'];
    let worstE = 0, worstPore = 0, softened = 0;
    for (let c = 0; c < ecm.length; c++) {
      worstE = Math.max(worstE, Math.abs(E[c] / (p.normalTissueStiffnessKPa * ecm[c] ** p.collagenModulusExponent) - 1));
      const expected = (p.poreSizeMicrons / Math.sqrt(ecm[c])) * Math.exp(-Math.max(stress[c], 0) / p.poreCompressionKPa);
      worstPore = Math.max(worstPore, Math.abs(pore[c] / expected - 1));
      if (laid[c] > 1.01) softened = Math.max(softened, 1 - (ecm[c] - 1) / (laid[c] - 1));
    }
    console.log(`stiffness vs E_normal·ECM^k: ${worstE.toExponential(2)}; pores vs d0/√ECM·exp(−p/p_pore): ${worstPore.toExponential(2)}; largest share of excess collagen depleted: ${softened.toFixed(3)}`);
    expect(worstE).toBeLessThan(1e-5);
    expect(worstPore).toBeLessThan(1e-5);
    // The check covers softened collagen, not only what was laid down.
    expect(softened).toBeGreaterThan(0.05);
    expect(softened).toBeLessThanOrEqual(p.softenerMaxSoftening + 1e-5);
  }, 300_000);

  it('a stiffer tumour has a higher modulus and narrower pores where its collagen lies', async () => {
    const soft = await fieldsAfter(gpu(), 0.5, { softenerDoseRelative: 0 });
    const stiff = await fieldsAfter(gpu(), 0.5, { softenerDoseRelative: 0, tumourStiffnessKPa: 40 });
    const inside = [...soft.tumour.keys()].filter((c) => soft.tumour[c] === 1);
    const mean = (f: Float32Array) => inside.reduce((s, c) => s + f[c], 0) / inside.length;
    const E = [mean(soft.fields['stiffness']), mean(stiff.fields['stiffness'])];
    const pores = [mean(soft.fields['pore size']), mean(stiff.fields['pore size'])];
    console.log(`tumour at 20 → 40 kPa: mean modulus ${E[0].toFixed(1)} → ${E[1].toFixed(1)} kPa, mean pore ${pores[0].toFixed(2)} → ${pores[1].toFixed(2)} µm`);
    expect(E[0]).toBeCloseTo(20, 3);
    expect(E[1]).toBeCloseTo(40, 3);
    // At equal stress the pores would narrow by 2^(−1/2k) = 0.84; the stiffer tumour's higher
    // stress narrows them further.
    expect(pores[1] / pores[0]).toBeLessThan(0.85);
  }, 300_000);
});
