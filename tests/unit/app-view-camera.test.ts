// The view's camera and scale bar are plain arithmetic: world µm ↔ canvas pixels ↔ clip space.
import { describe, expect, it } from 'vitest';
import { vec4 } from 'gl-matrix';
import { Camera } from '../../src/app/view/camera.ts';
import { formatLength, roundLength } from '../../src/app/view/scale-bar.ts';

const clipOf = (camera: Camera, x: number, y: number) => {
  const out = vec4.transformMat4(vec4.create(), [x, y, 0, 1], camera.viewProjection());
  return [out[0], out[1]];
};

describe('camera', () => {
  it('fits the grid, centred, and keeps fitting it as the canvas resizes until the user moves', () => {
    const camera = new Camera();
    camera.fit(2560, 1280);
    camera.resize(200, 200);
    expect(camera.micronsPerPixel()).toBeCloseTo(12.8, 12);
    expect(clipOf(camera, 0, 640)[0]).toBeCloseTo(-1, 6);
    expect(clipOf(camera, 2560, 640)[0]).toBeCloseTo(1, 6);
    expect(clipOf(camera, 1280, 1280)[1]).toBeCloseTo(0.5, 6);
    camera.resize(400, 100);
    expect(camera.micronsPerPixel()).toBeCloseTo(12.8, 12);
    camera.panPixels(10, 0);
    camera.resize(800, 800);
    expect(camera.micronsPerPixel()).toBeCloseTo(12.8, 12);
    camera.refit();
    expect(camera.micronsPerPixel()).toBeCloseTo(3.2, 12);
  });

  it('pans with the pointer: screen y runs down, world y up', () => {
    const camera = new Camera(100, 100);
    camera.fit(100, 100);
    camera.panPixels(10, 20);
    expect([...camera.center]).toEqual([40, 70]);
    expect([...camera.screenToWorld(60, 70)]).toEqual([50, 50]);
  });

  it('zooms about the pointer and pinches about the fingers', () => {
    const camera = new Camera(300, 200);
    camera.fit(300, 200);
    const before = camera.screenToWorld(30, 40);
    camera.zoomAt(4, 30, 40);
    expect(camera.micronsPerPixel()).toBeCloseTo(0.25, 12);
    const after = camera.screenToWorld(30, 40);
    expect(after[0]).toBeCloseTo(before[0], 9);
    expect(after[1]).toBeCloseTo(before[1], 9);
    // Fingers moving apart and to the right: twice the zoom, and the point between them follows.
    const under = camera.screenToWorld(100, 100);
    camera.pinch([[90, 100], [110, 100]], [[130, 100], [170, 100]]);
    expect(camera.micronsPerPixel()).toBeCloseTo(0.125, 12);
    const moved = camera.screenToWorld(150, 100);
    expect(moved[0]).toBeCloseTo(under[0], 9);
    expect(moved[1]).toBeCloseTo(under[1], 9);
  });
});

describe('scale bar', () => {
  it('picks the largest 1, 2 or 5 × 10^k that fits, in µm or mm', () => {
    expect([0.7, 1, 3.9, 9.99, 10, 120, 480, 1999, 7300].map(roundLength)).toEqual([0.5, 1, 2, 5, 10, 100, 200, 1000, 5000]);
    expect(formatLength(200)).toBe('200 µm');
    expect(formatLength(2000)).toBe('2 mm');
  });
});
