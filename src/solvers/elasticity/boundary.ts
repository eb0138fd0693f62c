// Boundary nodes of the (nx+1)×(ny+1) node grid, in the order of the `prescribed` buffer:
// the south row (i = 0..nx), the north row (i = 0..nx), then the west and the east columns
// without their corners (j = 1..ny−1). Twin of boundary_node() in shaders/mechanics/impose.wgsl.

export function boundaryNodeCount(nx: number, ny: number): number {
  return 2 * (nx + ny);
}

/** Grid position (i, j) of boundary node k. */
export function boundaryNode(nx: number, ny: number, k: number): [number, number] {
  const w = nx + 1;
  if (k < w) return [k, 0];
  if (k < 2 * w) return [k - w, ny];
  const m = k - 2 * w;
  return m < ny - 1 ? [0, m + 1] : [nx, m - (ny - 1) + 1];
}

/** Per node: 1 on the boundary, 0 inside (the fixed flags of a clamped or prescribed boundary). */
export function boundaryFlags(nx: number, ny: number): Uint32Array {
  const flags = new Uint32Array((nx + 1) * (ny + 1));
  for (let k = 0; k < boundaryNodeCount(nx, ny); k++) {
    const [i, j] = boundaryNode(nx, ny, k);
    flags[j * (nx + 1) + i] = 1;
  }
  return flags;
}

/** Samples a displacement field g(x, y) (µm, positions in µm from node (0, 0)) on the boundary nodes. */
export function boundaryValues(nx: number, ny: number, h: number, g: (x: number, y: number) => [number, number]): Float32Array {
  const out = new Float32Array(2 * boundaryNodeCount(nx, ny));
  for (let k = 0; k < boundaryNodeCount(nx, ny); k++) {
    const [i, j] = boundaryNode(nx, ny, k);
    out.set(g(i * h, j * h), 2 * k);
  }
  return out;
}
