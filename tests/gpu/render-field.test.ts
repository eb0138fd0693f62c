// The view draws the simulation's own buffers: every pixel of the field layer is the colour of
// the grid cell under it (as src/io/colormap.ts colours it), the GPU's range is the CPU's
// min/max of the snapshot, vessels are open or collapsed as their perfusion says, and cells are
// where the population holds them, coloured by their state (a CPU twin of cells.wgsl).
import { beforeAll, describe, expect, it } from 'vitest';
import { readBuffer } from '../../src/gpu/buffers.ts';
import { colorOf, NAN_RGB, type ColorMapName } from '../../src/io/colormap.ts';
import { defaultRange } from '../../src/io/png.ts';
import { DEFAULT_SCENARIO_JSON, parseScenario } from '../../src/model/scenario.ts';
import { PRIMED_IAP } from '../../src/cells/cell-params.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { cellMagnitude, snapshot, type FieldSnapshot } from '../../src/sim/snapshot.ts';
import { Camera } from '../../src/app/view/camera.ts';
import { CELL_MIN_PX, PALETTE, RIM_MIN_PX, type Rgb } from '../../src/app/view/palette.ts';
import { TissueView } from '../../src/app/view/tissue-view.ts';
import { scoped, useGpu } from './fixture.ts';
import { renderPixels, sampleEnv } from './render-helpers.ts';

// 32² cells of 80 µm: the default tumour (1.8 mm across in a 2.56 mm square) on a tiny grid.
const SCENARIO = parseScenario({ ...DEFAULT_SCENARIO_JSON, parameters: { ...DEFAULT_SCENARIO_JSON.parameters, nx: 32, ny: 32, dxMicrons: 80 } });
// Not square, so the fitted grid is centred with a background margin left and right; 4 pixels
// per grid cell, so no pixel centre lies on a cell edge.
const W = 160;
const H = 128;
/** Adjacent colour-table entries differ by ≤ 2 per channel: a value on an entry's edge may land either side in f32. */
const CHANNEL_TOLERANCE = 2;

describe('tissue view', () => {
  const gpu = useGpu();
  let sim: Simulation;
  let view: TissueView;
  let fields: FieldSnapshot[];
  const { nx, ny, dxMicrons: h } = SCENARIO.parameters;

  beforeAll(async () => {
    const g = gpu();
    await scoped(g, async () => {
      sim = new Simulation(g, SCENARIO);
      await sim.step();
      view = new TissueView(g.device, 'rgba8unorm', sim);
      fields = await snapshot(sim);
    });
  });

  const fitted = () => {
    const camera = new Camera();
    camera.fit(nx * h, ny * h);
    return camera;
  };
  const draw = async (camera: Camera) => {
    const pixels = await renderPixels(gpu().device, view, camera, W, H);
    await view.settled();
    return pixels;
  };

  const cases: { name: string; map?: ColorMapName; fixed?: [number, number]; poison?: boolean }[] = [
    { name: 'oxygen' },
    { name: 'compressive stress' },
    { name: 'pore size' },
    { name: 'displacement' },
    { name: 'oxygen', map: 'magma', fixed: [30, 35] },
    { name: 'stress xy', poison: true },
  ];
  for (const c of cases) {
    it(`field layer: ${c.name}${c.map ? ` in ${c.map}` : ''}${c.fixed ? ' on a fixed range' : ''}${c.poison ? ' with NaN and Inf' : ''}`, async () => {
      const g = gpu();
      const field = fields.find((f) => f.name === c.name)!;
      const data = Float32Array.from(field.at === 'point' ? cellMagnitude(field, nx, ny) : field.data);
      if (c.poison) {
        // Two poisoned cells, written into the simulation's own buffer (the view reads it as is).
        data[3] = NaN;
        data[nx * 5 + 7] = Infinity;
        g.device.queue.writeBuffer(sim.mechanics!.elasticity.sxy, 0, data);
      }
      const map = c.map ?? field.map;
      view.setLayers({ field: true, vessels: false, cells: false, nk: false });
      view.setField(c.name);
      view.setColorMap(c.map ?? null);
      view.setRange(c.fixed ?? 'auto');
      const pixels = await scoped(g, () => draw(fitted()));

      const report = view.rangeReport!;
      expect(report.field).toBe(c.name);
      expect(report.map).toBe(map);
      expect(report.nonFinite).toBe(c.poison ? 2 : 0);
      const [lo, hi] = c.fixed ?? defaultRange(data, map);
      // The displacement magnitude is summed in f32 on the GPU, in f64 here.
      const close = field.at === 'point' ? 1e-5 * Math.max(Math.abs(lo), Math.abs(hi)) : 0;
      expect(Math.abs(report.lo - lo)).toBeLessThanOrEqual(close);
      expect(Math.abs(report.hi - hi)).toBeLessThanOrEqual(close);
      expect(view.range).toEqual([report.lo, report.hi]);

      const camera = fitted();
      camera.resize(W, H);
      const mpp = camera.micronsPerPixel();
      expect(mpp).toBe(20);
      let worst = 0;
      let inside = 0;
      for (let py = 0; py < H; py++) {
        for (let px = 0; px < W; px++) {
          const x = camera.center[0] + (px + 0.5 - W / 2) * mpp;
          const y = camera.center[1] - (py + 0.5 - H / 2) * mpp;
          const i = Math.floor(x / h);
          const j = Math.floor(y / h);
          const on = i >= 0 && i < nx && j >= 0 && j < ny;
          const want: Rgb = on ? colorOf(data[j * nx + i], [report.lo, report.hi], map) : PALETTE.background;
          const k = 4 * (py * W + px);
          for (let ch = 0; ch < 3; ch++) worst = Math.max(worst, Math.abs(pixels[k + ch] - want[ch]));
          if (on) inside++;
        }
      }
      expect(inside).toBe(nx * ny * 16);
      expect(worst).toBeLessThanOrEqual(CHANNEL_TOLERANCE);
      if (c.poison) {
        // Cell (3, 0) is the bottom row's: pixel row H − 2, column 16 + 4·3 + 1.
        const k = 4 * ((H - 2) * W + 16 + 13);
        expect([...pixels.slice(k, k + 3)]).toEqual([...NAN_RGB]);
      }
    });
  }

  it('vessels layer: a perfused vessel is a filled open disk, a collapsed one a hollow ring', async () => {
    const g = gpu();
    const cellOf = (v: { xMicrons: number; yMicrons: number }) => Math.floor(v.yMicrons / h) * nx + Math.floor(v.xMicrons / h);
    const [open, shut] = sim.world.vessels.filter((v, k, all) => all.findIndex((w) => cellOf(w) === cellOf(v)) === k);
    const perfusion = new Float32Array(await readBuffer(g.device, sim.oxygen!.perfusion, nx * ny * 4));
    perfusion[cellOf(open)] = 1;
    perfusion[cellOf(shut)] = 0.2;
    g.device.queue.writeBuffer(sim.oxygen!.perfusion, 0, perfusion);
    view.setLayers({ field: false, vessels: true, cells: false, nk: false });
    const zoomedOn = (v: { xMicrons: number; yMicrons: number }) => {
      const camera = fitted();
      camera.resize(W, H);
      camera.zoomAt(camera.micronsPerPixel() / 2, W / 2, H / 2);
      camera.center[0] = v.xMicrons;
      camera.center[1] = v.yMicrons;
      return camera;
    };
    const at = (p: Uint8Array, x: number, y: number) => [...p.slice(4 * (y * W + x), 4 * (y * W + x) + 3)];
    // At 2 µm per pixel a 4 µm capillary is drawn at the 3-pixel minimum radius: the pixel next
    // to the centre lies within 1 pixel of it, 2.5 pixels out is on the ring, 4.5 outside.
    const a = await scoped(g, () => draw(zoomedOn(open)));
    expect(at(a, W / 2, H / 2)).toEqual([...PALETTE.openVessel]);
    expect(at(a, W / 2 + 4, H / 2)).toEqual([...PALETTE.background]);
    const b = await scoped(g, () => draw(zoomedOn(shut)));
    expect(at(b, W / 2, H / 2)).toEqual([...PALETTE.background]);
    expect(at(b, W / 2 + 2, H / 2)).toEqual([...PALETTE.collapsedVessel]);
  });

  it('cells layer: every pixel as a CPU twin of cells.wgsl draws the population', async () => {
    const g = gpu();
    const p = SCENARIO.parameters;
    const agents = await sim.cells!.readAgents();
    const { count } = agents.cancer;
    const body = Float32Array.from(agents.cancer.body);
    const tag = Uint32Array.from(agents.cancer.tag);
    const cells = sim.cells!.cells;
    const env = new Float32Array(await readBuffer(g.device, cells.env));
    // States to tell apart: every third cell primed, every seventh circulating (not drawn), and
    // no oxygen in the lower half of the grid (at risk of necrosis).
    for (let k = 0; k < count; k++) {
      if (k % 3 === 1) body[8 * k + 4] = 1.5;
      if (k % 7 === 0) tag[4 * k + 1] = 2;
    }
    for (let c = 0; c < (nx * ny) / 2; c++) env[8 * c] = 0;
    const { body: bodyBuffer, tag: tagBuffer } = cells.population.current();
    g.device.queue.writeBuffer(bodyBuffer, 0, body);
    g.device.queue.writeBuffer(tagBuffer, 0, tag);
    g.device.queue.writeBuffer(cells.env, 0, env);

    const colour = (k: number): Rgb | undefined => {
      const compartment = tag[4 * k + 1];
      if (compartment !== 0) return undefined;
      const [x, y] = [body[8 * k], body[8 * k + 1]];
      const here = sampleEnv(env, nx, ny, h, x, y, 0);
      const site = sampleEnv(env, nx, ny, h, x, y, 1);
      const detached = site[2] < p.detachedDensity && site[3] < p.detachedEcm;
      if (here[0] < p.necrosisPO2MmHg || detached) return PALETTE.atRisk;
      return body[8 * k + 4] >= PRIMED_IAP ? PALETTE.primed : PALETTE.naive;
    };
    // Disks in draw order: cancer cells, then NK cells on top.
    const disks: { x: number; y: number; rgb: Rgb }[] = [];
    for (let k = 0; k < count; k++) {
      const rgb = colour(k);
      if (rgb) disks.push({ x: body[8 * k], y: body[8 * k + 1], rgb });
    }
    for (let k = 0; k < cells.nkCount; k++) disks.push({ x: agents.nk.body[4 * k], y: agents.nk.body[4 * k + 1], rgb: PALETTE.nk });

    view.setLayers({ field: false, vessels: false, cells: true, nk: true });
    // One window on the oxygen edge at the middle of the grid, one centred on an NK cell; 1 µm per pixel.
    const edge = disks.reduce((best, d) => (Math.hypot(d.x - 1280, d.y - (ny / 2) * h) < Math.hypot(best.x - 1280, best.y - (ny / 2) * h) ? d : best));
    const nk = disks[disks.length - 1];
    const seen = new Map<string, number>();
    for (const centre of [edge, nk]) {
      const camera = fitted();
      camera.resize(W, H);
      camera.zoomAt(camera.micronsPerPixel(), W / 2, H / 2);
      camera.center[0] = centre.x;
      camera.center[1] = centre.y;
      const pixels = await scoped(g, () => draw(camera));
      const radius = Math.max(p.nucleusDiameterMicrons / 2, CELL_MIN_PX);
      const near = disks.filter((d) => Math.abs(d.x - centre.x) < W / 2 + radius + 1 && Math.abs(d.y - centre.y) < H / 2 + radius + 1);
      let wrong = 0;
      for (let py = 0; py < H; py++) {
        for (let px = 0; px < W; px++) {
          const x = centre.x + (px + 0.5 - W / 2);
          const y = centre.y - (py + 0.5 - H / 2);
          let want: Rgb = PALETTE.background;
          let ambiguous = false;
          for (let k = near.length - 1; k >= 0; k--) {
            const d = Math.hypot(x - near[k].x, y - near[k].y);
            // A pixel centre within 0.01 px of an edge may fall either side in f32.
            if (Math.abs(d - radius) < 0.01 || Math.abs(d - (radius - 1)) < 0.01) ambiguous = true;
            if (d > radius) continue;
            want = radius >= RIM_MIN_PX && d > radius - 1 ? PALETTE.rim : near[k].rgb;
            break;
          }
          if (ambiguous) continue;
          const i = 4 * (py * W + px);
          const got = [...pixels.slice(i, i + 3)];
          if (got.some((v, ch) => v !== want[ch])) wrong++;
          seen.set(String(want), (seen.get(String(want)) ?? 0) + 1);
        }
      }
      expect(wrong).toBe(0);
    }
    for (const state of [PALETTE.naive, PALETTE.primed, PALETTE.atRisk, PALETTE.nk, PALETTE.rim]) expect(seen.get(String(state)) ?? 0).toBeGreaterThan(20);
  });

  it('destroys what it made', async () => {
    await scoped(gpu(), async () => {
      view.destroy();
      sim.destroy();
    });
  });
});
