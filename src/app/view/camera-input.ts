// Mouse, touch and pen on the view's canvas move the Camera: drag pans, the wheel zooms about
// the pointer, two fingers pinch (zoom about their midpoint and pan with it), a double click
// goes back to the fitted view. Positions are converted from CSS to canvas pixels, the camera's.
import type { vec2 } from 'gl-matrix';
import type { Camera } from './camera.ts';

/** Wheel zoom per pixel of scroll: 100 px (one notch in most browsers) zooms by e^0.2 ≈ 1.22. */
const ZOOM_PER_WHEEL_PIXEL = 0.002;
/** Wheel deltas in lines or pages, as pixels. */
const LINE_PIXELS = 16;
const PAGE_PIXELS = 400;

/** Listens on `canvas` until the returned function is called; `changed` runs after each move. */
export function attachCameraInput(canvas: HTMLCanvasElement, camera: Camera, changed: () => void = () => {}): () => void {
  const pointers = new Map<number, vec2>();
  const position = (e: MouseEvent): vec2 => {
    const rect = canvas.getBoundingClientRect();
    camera.resize(canvas.width, canvas.height);
    return [((e.clientX - rect.left) * canvas.width) / rect.width, ((e.clientY - rect.top) * canvas.height) / rect.height] as vec2;
  };
  const down = (e: PointerEvent) => {
    canvas.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, position(e));
  };
  const move = (e: PointerEvent) => {
    const before = pointers.get(e.pointerId);
    if (!before) return;
    const now = position(e);
    if (pointers.size === 1) camera.panPixels(now[0] - before[0], now[1] - before[1]);
    else if (pointers.size === 2) {
      const other = [...pointers.entries()].find(([id]) => id !== e.pointerId)![1];
      camera.pinch([before, other], [now, other]);
    }
    pointers.set(e.pointerId, now);
    changed();
  };
  const up = (e: PointerEvent) => {
    pointers.delete(e.pointerId);
  };
  const wheel = (e: WheelEvent) => {
    e.preventDefault();
    const unit = e.deltaMode === WheelEvent.DOM_DELTA_LINE ? LINE_PIXELS : e.deltaMode === WheelEvent.DOM_DELTA_PAGE ? PAGE_PIXELS : 1;
    const [x, y] = position(e);
    camera.zoomAt(Math.exp(-e.deltaY * unit * ZOOM_PER_WHEEL_PIXEL), x, y);
    changed();
  };
  const reset = () => {
    camera.refit();
    changed();
  };
  canvas.style.touchAction = 'none';
  canvas.addEventListener('pointerdown', down);
  canvas.addEventListener('pointermove', move);
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  canvas.addEventListener('wheel', wheel, { passive: false });
  canvas.addEventListener('dblclick', reset);
  return () => {
    canvas.removeEventListener('pointerdown', down);
    canvas.removeEventListener('pointermove', move);
    canvas.removeEventListener('pointerup', up);
    canvas.removeEventListener('pointercancel', up);
    canvas.removeEventListener('wheel', wheel);
    canvas.removeEventListener('dblclick', reset);
  };
}
