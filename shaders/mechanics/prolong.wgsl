// Bilinear prolongation of the coarse correction, u_f += P e_c on free fine nodes (prolongation.wgsl).
// Bindings: level (fine, with cnx, rx, ry), fine fixed, coarse u, fine u.
// Dispatch: ((nx+1)/WG_X, (ny+1)/WG_Y), one invocation per fine node.
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: MechLevel;
@group(0) @binding(1) var<storage, read> fixed: array<u32>;
@group(0) @binding(2) var<storage, read> coarse_u: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> u: array<vec2<f32>>;

fn coarse_value(n: u32) -> vec2<f32> {
  return coarse_u[n];
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let j = gid.y;
  if (i > level.nx || j > level.ny) { return; }
  let n = node_of(level, i, j);
  if (fixed[n] != 0u) { return; }
  u[n] += prolonged(level, i, j, 0u);
}
