// Shipped scenarios run end to end through the simulation, and the CLI refuses bad input
// before it computes or writes anything.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario } from '../../src/model/scenario.ts';
import { kroghEmbedded, kroghMinimum } from '../../src/model/reference/krogh.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { snapshot } from '../../src/sim/snapshot.ts';
import { readVti } from '../../src/io/vti.ts';
import singleCapillary from '../../scenarios/single-capillary.json';
import { scoped, useGpu } from './fixture.ts';

const CLI = join(__dirname, '../../bin/confine.mjs');

describe('scenarios', () => {
  const gpu = useGpu();

  it('single capillary: the production vessel model reproduces the Krogh profile', async () => {
    const g = gpu();
    const scenario = parseScenario(singleCapillary);
    const p = scenario.parameters;
    const fields = await scoped(g, async () => {
      const sim = new Simulation(g, scenario);
      // Oxygen is quasi-steady and each step warm-starts from the last: one step (8 V-cycles) leaves
      // this Neumann problem, anchored only by the vessel, 1.6 % of the drop from its steady state.
      // A later step stops at its residual tolerance (5e-4‖f‖) but runs at least one V-cycle: after
      // 4 steps (11 cycles) the field is 0.72 % of the drop from Krogh, after 8 steps 0.26 %, and
      // 12 steps (19 cycles) reach the steady state (0.19 %, as 20 fixed cycles did).
      for (let s = 0; s < 12; s++) await sim.step();
      const out = await snapshot(sim);
      sim.destroy();
      return out;
    });
    const oxygen = fields.find((f) => f.name === 'oxygen')!.data;
    const krogh = { p0: 40, M: 5, D: p.oxygenDiffusivityUm2PerS, Rc: 5, Rt: 100 };
    let worst = 0;
    for (let j = 0; j < p.ny; j++) {
      for (let i = 0; i < p.nx; i++) {
        const r = Math.hypot((i + 0.5) * p.dxMicrons - 120, (j + 0.5) * p.dxMicrons - 120);
        if (r > 2 * krogh.Rc) worst = Math.max(worst, Math.abs(oxygen[j * p.nx + i] - kroghEmbedded(krogh, r)));
      }
    }
    const relative = worst / (krogh.p0 - kroghMinimum(krogh));
    console.log(`single capillary vs Krogh: max error ${(100 * relative).toFixed(2)} % of the drop`);
    // The reference's threshold for a resolved vessel at Rc/h = 8 is 2 % (docs/references.md,
    // V2). The ring exchange reaches 0.19 %; 0.5 % leaves room for round-off and still fails a
    // staircased disk held at the wall value (1.4 % at steady state).
    expect(relative).toBeLessThan(0.005);
  });

  it('confine run writes the fields as VTK with units, PNGs and a summary', () => {
    const out = mkdtempSync(join(tmpdir(), 'confine-run-'));
    execFileSync(process.execPath, [CLI, 'run', 'scenarios/two-capillaries.json', '--out', out], { stdio: 'pipe' });
    const vti = readVti(new Uint8Array(readFileSync(join(out, 'fields.vti'))));
    expect(vti.nx).toBe(64);
    expect(vti.cellArrays.map((a) => `${a.name} [${a.unit}]`)).toContain('oxygen [mmHg]');
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.nonFiniteFields).toEqual([]);
    // Tissue near the vessels approaches the wall values (40 and 30 mmHg); none exceeds the highest.
    expect(summary.fields.oxygen.max).toBeGreaterThan(25);
    expect(summary.fields.oxygen.max).toBeLessThanOrEqual(40 + 1e-3);
    expect(summary.readouts.minPO2MmHg).toBeLessThan(summary.readouts.meanPO2MmHg);
    expect(existsSync(join(out, 'oxygen.png'))).toBe(true);
  });

  it('confine run refuses a bad scenario, naming each problem, before any output', () => {
    const dir = mkdtempSync(join(tmpdir(), 'confine-bad-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ name: 'bad', kind: 'tissue', parameters: { tumourStiffnessKPa: 900, nx: 100 }, vessels: { mode: 'generated' } }));
    const out = join(dir, 'out');
    const result = spawnSync(process.execPath, [CLI, 'run', file, '--out', out], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/tumourStiffnessKPa = 900 .*\[1, 100\] kPa/);
    expect(result.stderr).toMatch(/nx = 100/);
    expect(existsSync(out)).toBe(false);
  });
});
