// Perceptual colour maps as 256-entry RGB tables, built once from compact control points.
// viridis and magma: every 16th entry of matplotlib's tables (plus entry 255), whose
// lightness rises monotonically, so brightness reads as magnitude.
// coolwarm: Moreland's 33-point diverging map, for signed fields centred on zero.

export type ColorMapName = 'viridis' | 'magma' | 'coolwarm';
export const COLOR_MAP_NAMES: readonly ColorMapName[] = ['viridis', 'magma', 'coolwarm'];

/** Colour of NaN cells: a mid grey, far from every entry of the three maps. */
export const NAN_RGB: readonly [number, number, number] = [128, 128, 128];

const VIRIDIS = [
  0.267004, 0.004874, 0.329415, 0.282327, 0.094955, 0.417331, 0.278826, 0.17549, 0.483397,
  0.258965, 0.251537, 0.524736, 0.229739, 0.322361, 0.545706, 0.19943, 0.387607, 0.554642,
  0.172719, 0.448791, 0.557885, 0.149039, 0.508051, 0.55725, 0.127568, 0.566949, 0.550556,
  0.120638, 0.625828, 0.533488, 0.157851, 0.683765, 0.501686, 0.24607, 0.73891, 0.452024,
  0.369214, 0.788888, 0.382914, 0.515992, 0.831158, 0.294279, 0.678489, 0.863742, 0.189503,
  0.845561, 0.887322, 0.099702, 0.993248, 0.906157, 0.143936,
];

const MAGMA = [
  0.001462, 0.000466, 0.013866, 0.039608, 0.03109, 0.133515, 0.113094, 0.065492, 0.276784,
  0.211718, 0.061992, 0.418647, 0.316654, 0.07169, 0.48538, 0.414709, 0.110431, 0.504662,
  0.512831, 0.148179, 0.507648, 0.613617, 0.181811, 0.498536, 0.716387, 0.214982, 0.47529,
  0.816914, 0.255895, 0.436461, 0.904281, 0.31961, 0.388137, 0.960949, 0.418323, 0.35963,
  0.9867, 0.535582, 0.38221, 0.996096, 0.653659, 0.446213, 0.996898, 0.769591, 0.534892,
  0.99244, 0.88433, 0.640099, 0.987053, 0.991438, 0.749504,
];

const COOLWARM = [
  59, 76, 192, 68, 90, 204, 77, 104, 215, 87, 117, 225, 98, 130, 234, 108, 142, 241, 119, 154,
  247, 130, 165, 251, 141, 176, 254, 152, 185, 255, 163, 194, 255, 174, 201, 253, 184, 208, 249,
  194, 213, 244, 204, 217, 238, 213, 219, 230, 221, 221, 221, 229, 216, 209, 236, 211, 197, 241,
  204, 185, 245, 196, 173, 247, 187, 160, 247, 177, 148, 247, 166, 135, 244, 154, 123, 241, 141,
  111, 236, 127, 99, 229, 112, 88, 222, 96, 77, 213, 80, 66, 203, 62, 56, 192, 40, 47, 180, 4,
  38,
].map((c) => c / 255);

/** Control points of matplotlib tables sit at entries 0, 16, …, 240 and 255. */
function matplotlibPositions(count: number): number[] {
  return Array.from({ length: count }, (_, k) => Math.min(16 * k, 255));
}

function evenPositions(count: number): number[] {
  return Array.from({ length: count }, (_, k) => (k * 255) / (count - 1));
}

function buildTable(rgb: readonly number[], positions: readonly number[]): Uint8Array {
  const table = new Uint8Array(256 * 3);
  let seg = 0;
  for (let i = 0; i < 256; i++) {
    while (seg < positions.length - 2 && i > positions[seg + 1]!) seg++;
    const p0 = positions[seg]!;
    const p1 = positions[seg + 1]!;
    const f = (i - p0) / (p1 - p0);
    for (let c = 0; c < 3; c++) {
      const a = rgb[seg * 3 + c]!;
      const b = rgb[(seg + 1) * 3 + c]!;
      table[i * 3 + c] = Math.round((a + (b - a) * f) * 255);
    }
  }
  return table;
}

const TABLES: Record<ColorMapName, Uint8Array> = {
  viridis: buildTable(VIRIDIS, matplotlibPositions(VIRIDIS.length / 3)),
  magma: buildTable(MAGMA, matplotlibPositions(MAGMA.length / 3)),
  coolwarm: buildTable(COOLWARM, evenPositions(COOLWARM.length / 3)),
};

/** The 256-entry RGB table of `map` (shared; do not modify). */
export function colorMapTable(map: ColorMapName): Uint8Array {
  const table = TABLES[map];
  if (!table) throw new Error(`unknown colour map '${String(map)}'; expected one of ${COLOR_MAP_NAMES.join(', ')}`);
  return table;
}

/**
 * Table entry for `value` in [min, max] (clamped), as matplotlib does: floor(t·256) capped at 255.
 * A degenerate range maps every value to the middle; NaN gives -1.
 */
export function colorIndex(value: number, min: number, max: number): number {
  if (Number.isNaN(value)) return -1;
  const t = max > min ? (value - min) / (max - min) : 0.5;
  return Math.min(255, Math.max(0, Math.floor(t * 256)));
}

/** RGB of `value` under `map` and `range`; NaN gives NAN_RGB. */
export function colorOf(value: number, range: readonly [number, number], map: ColorMapName): [number, number, number] {
  const i = colorIndex(value, range[0], range[1]);
  if (i < 0) return [...NAN_RGB];
  const t = colorMapTable(map);
  return [t[i * 3]!, t[i * 3 + 1]!, t[i * 3 + 2]!];
}

/**
 * RGBA image (nx × ny, opaque) of a row-major field whose row 0 is the bottom of the domain:
 * image rows run top to bottom, so field row j lands on image row ny−1−j (y up).
 */
export function mapToRgba(
  data: Float32Array,
  nx: number,
  ny: number,
  range: readonly [number, number],
  map: ColorMapName,
): Uint8ClampedArray {
  if (data.length !== nx * ny) throw new Error(`field has ${data.length} values, expected nx·ny = ${nx * ny}`);
  const table = colorMapTable(map);
  const out = new Uint8ClampedArray(nx * ny * 4);
  for (let j = 0; j < ny; j++) {
    const row = (ny - 1 - j) * nx;
    for (let i = 0; i < nx; i++) {
      const k = colorIndex(data[j * nx + i]!, range[0], range[1]);
      const o = (row + i) * 4;
      if (k < 0) {
        out[o] = NAN_RGB[0];
        out[o + 1] = NAN_RGB[1];
        out[o + 2] = NAN_RGB[2];
      } else {
        out[o] = table[k * 3]!;
        out[o + 1] = table[k * 3 + 1]!;
        out[o + 2] = table[k * 3 + 2]!;
      }
      out[o + 3] = 255;
    }
  }
  return out;
}
