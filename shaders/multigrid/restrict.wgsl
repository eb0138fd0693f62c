// Restriction of the residual to the next coarser level (restriction.wgsl) and a zero initial
// guess for the coarse correction.
// Bindings: level (fine, with cnx/cny/rx/ry), fine residual, coarse rhs, coarse u.
// Dispatch: (cnx/WG_X, cny/WG_Y), one invocation per coarse cell.
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<storage, read> r: array<f32>;
@group(0) @binding(2) var<storage, read_write> coarse_rhs: array<f32>;
@group(0) @binding(3) var<storage, read_write> coarse_u: array<f32>;

fn residual_value(c: u32) -> f32 {
  return r[c];
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let C = owned_cell(gid, level.cnx, level.cny);
  if (C == OFF_GRID) { return; }
  coarse_rhs[C] = restricted(level, gid.x, gid.y, 0u);
  coarse_u[C] = 0.0;
}
