// Restriction of the residual to the next coarser level (restriction.wgsl) and a zero coarse
// correction; zero on fixed coarse nodes.
// Bindings: level (fine, with cnx, cny, rx, ry), coarse fixed, fine residual, coarse rhs, coarse u.
// Dispatch: ((cnx+1)/WG_X, (cny+1)/WG_Y), one invocation per coarse node.
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: MechLevel;
@group(0) @binding(1) var<storage, read> coarse_fixed: array<u32>;
@group(0) @binding(2) var<storage, read> r: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> coarse_rhs: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read_write> coarse_u: array<vec2<f32>>;

fn residual_value(n: u32) -> vec2<f32> {
  return r[n];
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let I = gid.x;
  let J = gid.y;
  if (I > level.cnx || J > level.cny) { return; }
  let C = J * (level.cnx + 1u) + I;
  coarse_u[C] = vec2<f32>(0.0);
  coarse_rhs[C] = select(restricted(level, I, J, 0u), vec2<f32>(0.0), coarse_fixed[C] != 0u);
}
