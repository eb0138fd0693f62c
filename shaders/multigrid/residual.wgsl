// Residual r = rhs − A u on one level (zero on fixed cells).
// Bindings: level, faces, cell, rhs (level-operator.wgsl), u, r. Dispatch: (nx/WG_X, ny/WG_Y).
@group(0) @binding(4) var<storage, read> u: array<f32>;
@group(0) @binding(5) var<storage, read_write> r: array<f32>;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let c = owned_cell(gid, level.nx, level.ny);
  if (c == OFF_GRID) { return; }
  r[c] = residual_at(level, gid.x, gid.y, c, cell[c], rhs[c], u[c]);
}
