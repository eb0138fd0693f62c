// An orthographic 2D camera over the tissue: world µm (origin at the grid's corner, y up) to
// clip space for a canvas of width × height pixels, y down on screen. Screen positions are in
// canvas pixels (camera-input.ts converts from CSS pixels). The canvas size comes from resize(),
// which TissueView.encode and camera-input call with the size they see; a fit() is kept, and
// redone on every resize, until the user pans or zooms.
import { mat4, vec2, type ReadonlyVec2 } from 'gl-matrix';

/** Zoom stops here: a nanometre per pixel is already far below any cell, 10 cm far above a slide. */
const MIN_MICRONS_PER_PIXEL = 1e-3;
const MAX_MICRONS_PER_PIXEL = 1e5;

export class Camera {
  /** World point (µm) at the canvas centre. */
  readonly center = vec2.fromValues(0, 0);
  width = 1;
  height = 1;
  private scale = 1;
  private fitted: { width: number; height: number; marginPx: number } | undefined;
  private lastFit: { width: number; height: number; marginPx: number } | undefined;

  constructor(width = 1, height = 1) {
    this.resize(width, height);
  }

  /** The canvas size in pixels; the centre and the scale stay. */
  resize(width: number, height: number): void {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
    if (this.fitted) this.fit(this.fitted.width, this.fitted.height, this.fitted.marginPx);
  }

  micronsPerPixel(): number {
    return this.scale;
  }

  /** Shows the whole [0, width] × [0, height] µm rectangle, centred, `marginPx` clear on its tighter side. */
  fit(widthMicrons: number, heightMicrons: number, marginPx = 0): void {
    this.fitted = this.lastFit = { width: widthMicrons, height: heightMicrons, marginPx };
    const w = Math.max(1, this.width - 2 * marginPx);
    const h = Math.max(1, this.height - 2 * marginPx);
    this.setScale(Math.max(widthMicrons / w, heightMicrons / h));
    vec2.set(this.center, widthMicrons / 2, heightMicrons / 2);
  }

  /** Back to the last fit() (a double click does this). */
  refit(): void {
    if (this.lastFit) this.fit(this.lastFit.width, this.lastFit.height, this.lastFit.marginPx);
  }

  screenToWorld(x: number, y: number, out = vec2.create()): vec2 {
    return vec2.set(out, this.center[0] + (x - this.width / 2) * this.scale, this.center[1] - (y - this.height / 2) * this.scale);
  }

  /** Moves the picture with the pointer: a drag of (dx, dy) pixels. */
  panPixels(dx: number, dy: number): void {
    this.fitted = undefined;
    vec2.add(this.center, this.center, [-dx * this.scale, dy * this.scale]);
  }

  /** Zooms in by `factor` (> 1 magnifies) keeping the world point under (x, y) where it is. */
  zoomAt(factor: number, x: number, y: number): void {
    if (!(factor > 0) || !Number.isFinite(factor)) return;
    this.fitted = undefined;
    const anchor = this.screenToWorld(x, y);
    this.setScale(this.scale / factor);
    this.place(anchor, x, y);
  }

  /**
   * Two-finger gesture from pointers `from` to `to`: the world point under the old midpoint
   * follows the new midpoint, and the scale follows the pointers' distance.
   */
  pinch(from: readonly [ReadonlyVec2, ReadonlyVec2], to: readonly [ReadonlyVec2, ReadonlyVec2]): void {
    const before = vec2.lerp(vec2.create(), from[0], from[1], 0.5);
    const after = vec2.lerp(vec2.create(), to[0], to[1], 0.5);
    const anchor = this.screenToWorld(before[0], before[1]);
    this.fitted = undefined;
    const d0 = vec2.distance(from[0], from[1]);
    const d1 = vec2.distance(to[0], to[1]);
    if (d0 > 0 && d1 > 0) this.setScale((this.scale * d0) / d1);
    this.place(anchor, after[0], after[1]);
  }

  /** World µm → clip space for a target of width × height pixels (by default the camera's). */
  viewProjection(width = this.width, height = this.height, out = mat4.create()): mat4 {
    const hw = (width / 2) * this.scale;
    const hh = (height / 2) * this.scale;
    const [cx, cy] = this.center;
    return mat4.orthoZO(out, cx - hw, cx + hw, cy - hh, cy + hh, -1, 1);
  }

  // Sets the centre so that world point `anchor` lands on screen point (x, y).
  private place(anchor: ReadonlyVec2, x: number, y: number): void {
    vec2.set(this.center, anchor[0] - (x - this.width / 2) * this.scale, anchor[1] + (y - this.height / 2) * this.scale);
  }

  private setScale(micronsPerPixel: number): void {
    this.scale = Math.min(MAX_MICRONS_PER_PIXEL, Math.max(MIN_MICRONS_PER_PIXEL, micronsPerPixel));
  }
}
