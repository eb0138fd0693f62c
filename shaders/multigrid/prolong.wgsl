// Prolongation of the coarse correction, u_f += P e_c on free fine cells (prolongation.wgsl).
// Bindings: level (fine), cell (fine: fixed flag), coarse u, fine u. Dispatch: (nx/WG_X, ny/WG_Y).
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<storage, read> cell: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> coarse_u: array<f32>;
@group(0) @binding(3) var<storage, read_write> u: array<f32>;

fn coarse_value(C: u32) -> f32 {
  return coarse_u[C];
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let c = owned_cell(gid, level.nx, level.ny);
  if (c == OFF_GRID || cell[c].y != 0.0) { return; }
  u[c] += prolonged(level, gid.x, gid.y, 0u);
}
