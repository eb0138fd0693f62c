// A vessel set-up that would run for minutes is refused before it starts, naming why; one within
// the limits marks exactly the cells a cell-by-cell scan of each Krogh reach would.
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/model/scenario.ts';
import { ScenarioError } from '../../src/model/validation.ts';
import { buildWorld } from '../../src/sim/world.ts';
import singleCapillary from '../../scenarios/single-capillary.json';

function capillaries(list: object[], parameters: object, uptake = singleCapillary.uptake) {
  return parseScenario({ ...singleCapillary, parameters: { ...singleCapillary.parameters, ...parameters }, vessels: { mode: 'list', list }, uptake });
}

/** The uptake mask by the definition: 1 in a cell whose centre is within reach of a vessel, 0 in a lumen. */
function scanned(nx: number, ny: number, h: number, reach: number, vessels: { xMicrons: number; yMicrons: number }[], lumen: ArrayLike<number>): Float32Array {
  const out = new Float32Array(nx * ny);
  for (const v of vessels) {
    for (let j = 0; j < ny; j++) {
      for (let i = 0; i < nx; i++) if (Math.hypot((i + 0.5) * h - v.xMicrons, (j + 0.5) * h - v.yMicrons) < reach) out[j * nx + i] = 1;
    }
  }
  for (let k = 0; k < lumen.length; k++) out[lumen[k]!] = 0;
  return out;
}

describe('vessel set-up', () => {
  it('marks the cells within each Krogh reach exactly, at and off cell centres and over the domain edge', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const [h, reach] of [[1, 10], [2.5, 7.5], [0.625, 3.3], [4, 40]] as const) {
      const n = 64;
      const vessels = Array.from({ length: 6 }, () => ({ xMicrons: random() * n * h, yMicrons: random() * n * h, radiusMicrons: h / 2, wallPO2MmHg: 40 }));
      vessels.push({ xMicrons: 10 * h, yMicrons: 10.5 * h, radiusMicrons: h / 2, wallPO2MmHg: 40 });
      const scenario = capillaries(vessels, { nx: n, ny: n, dxMicrons: h }, { uniformMmHgPerS: 5, kroghRadiusMicrons: reach });
      const world = buildWorld(scenario);
      expect(world.uptake).toEqual(scanned(n, n, h, reach, vessels, world.exchange.lumenCell));
    }
  });

  it('refuses thousands of thick vessels on fine cells, naming the vessels and the cells', () => {
    const segment = { x0Microns: 97, y0Microns: 0.1, x1Microns: 0, y1Microns: 631, radiusMicrons: 560 };
    const scenario = parseScenario({ ...singleCapillary, parameters: { nx: 16, ny: 104, dxMicrons: 6.07 }, vessels: { mode: 'segments', segments: Array(1255).fill(segment) }, uptake: { uniformMmHgPerS: 5, kroghRadiusMicrons: 10 } });
    const started = performance.now();
    expect(() => buildWorld(scenario)).toThrow(ScenarioError);
    expect(() => buildWorld(scenario)).toThrow(/vessels: the exchange of \d+ vessels \(the thickest 560 µm in radius, 92\.3 cells of 6\.07 µm\).*parameters\.dxMicrons/);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses a Krogh reach that covers the domain from each of many vessels', () => {
    const list = Array.from({ length: 600 }, (_, k) => ({ xMicrons: (k % 30) * 60 + 50, yMicrons: Math.floor(k / 30) * 60 + 50, radiusMicrons: 4, wallPO2MmHg: 40 }));
    const scenario = capillaries(list, { nx: 2048, ny: 2048, dxMicrons: 1 }, { uniformMmHgPerS: 5, kroghRadiusMicrons: 5000 });
    expect(() => buildWorld(scenario)).toThrow(/uptake\.kroghRadiusMicrons: 5000 µm reaches up to 4194304 cells around each of 600 vessels/);
  });
});
