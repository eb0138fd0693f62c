// Coarse level by rediscretisation: a coarse element's (λ, μ) is the mean of its rx×ry children
// (rediscretisation.wgsl; the operator is the same Q1 stiffness, which in 2D does not depend on h), and a
// coarse node is fixed when the fine node it coincides with is fixed (coarse nodes are fine nodes).
// Bindings: level (fine, with cnx, cny, rx, ry), fine lame, fine fixed, coarse lame, coarse fixed.
// Dispatch: ((cnx+1)/WG_X, (cny+1)/WG_Y), one invocation per coarse node (and its element).
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: MechLevel;
@group(0) @binding(1) var<storage, read> lame: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> fixed: array<u32>;
@group(0) @binding(3) var<storage, read_write> coarse_lame_out: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read_write> coarse_fixed: array<u32>;

fn fine_lame(e: u32) -> vec2<f32> {
  return lame[e];
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let I = gid.x;
  let J = gid.y;
  if (I > level.cnx || J > level.cny) { return; }
  coarse_fixed[J * (level.cnx + 1u) + I] = fixed[node_of(level, level.rx * I, level.ry * J)];
  if (I == level.cnx || J == level.cny) { return; }
  coarse_lame_out[J * level.cnx + I] = coarse_lame(level, I, J, 0u);
}
