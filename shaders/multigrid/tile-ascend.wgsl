// The way up a level of the tiled V-cycle in one dispatch (tile.wgsl): the coarse correction
// prolonged onto the smoothed level as the tile is loaded (prolongation.wgsl; fixed cells keep
// their values), then the post-smoothing sweeps; the result goes to the level's u.
// Bindings: 0–5 as tile.wgsl declares them (u: the level as the way down left it), coarse u,
// tile_out. Dispatch: (⌈nx/TILE⌉, ⌈ny/TILE⌉).
@group(0) @binding(6) var<storage, read> coarse_u: array<f32>;
@group(0) @binding(7) var<storage, read_write> tile_out: array<f32>;

fn coarse_value(C: u32) -> f32 {
  return coarse_u[C];
}

// The smoothed level plus the prolonged correction, on free cells.
fn tile_load(i: u32, j: u32) -> f32 {
  let c = cell_index(i, j, level.nx);
  if (cell[c].y != 0.0) { return u[c]; }
  return u[c] + prolonged(level, i, j, 0u);
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  tile_sweep(group, lid.xy);
}
