// The view's colour and size conventions, in one place: the shaders get them through the view
// uniform (shaders/render/view.wgsl), the tests read them from here, and the page's cell key
// (src/app/app.css) shows the same colours.
export type Rgb = readonly [number, number, number];

export const PALETTE = {
  /** Behind the grid (the render pass's clear colour). */
  background: [24, 24, 28],
  /** A perfused capillary (φ ≥ 0.5 in its grid cell): a filled red disk. */
  openVessel: [224, 48, 48],
  /** A collapsed capillary: a hollow grey ring. */
  collapsedVessel: [112, 112, 112],
  /** A cancer cell in the tissue with no death hazard and IAP below the primed level. */
  naive: [232, 232, 232],
  /** Primed by squeezing: IAP ≥ PRIMED_IAP (src/cells/cell-params.ts), as the readouts count it. */
  primed: [255, 140, 26],
  /** At risk: necrosis or anoikis applies to it now (shaders/render/cells.wgsl), or suspended. */
  atRisk: [138, 79, 255],
  nk: [40, 224, 122],
  /** One-pixel rim of filled disks, so cells read on any colour map. */
  rim: [0, 0, 0],
} as const satisfies Record<string, Rgb>;

/** Smallest disk radii (canvas pixels), so 4 µm capillaries and 10 µm nuclei stay visible zoomed out. */
export const VESSEL_MIN_PX = 3;
export const CELL_MIN_PX = 1.5;
/** Filled disks from this radius (pixels) up get the rim; smaller ones would be all rim. */
export const RIM_MIN_PX = 3;
/** A collapsed vessel's ring keeps the outer part of its disk, from this fraction of the radius. */
export const HOLLOW_FRACTION = 0.5;

/** RGBA8 in a u32, red in the low byte (WGSL unpack4x8unorm), opaque. */
export function packRgba(c: Rgb): number {
  return (c[0] | (c[1] << 8) | (c[2] << 16) | (255 << 24)) >>> 0;
}
