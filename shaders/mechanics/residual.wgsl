// r = rhs − K u (entry point `residual`) or q = K u (entry point `apply`), zero on fixed nodes:
// the conjugate-gradient and multigrid operator acts on free nodes only, and the values of fixed
// nodes enter the free rows through K u.
// Bindings: level, lame, fixed, rhs (unused by `apply`), u, out.
// Dispatch: ((nx+1)/WG_X, (ny+1)/WG_Y), one invocation per node.
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: MechLevel;
@group(0) @binding(1) var<storage, read> lame: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> fixed: array<u32>;
@group(0) @binding(3) var<storage, read> rhs: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read> u: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read_write> out: array<vec2<f32>>;

fn node_value(n: u32) -> vec2<f32> {
  return u[n];
}

fn element_lame(e: u32) -> vec2<f32> {
  return lame[e];
}

@compute @workgroup_size(WG_X, WG_Y)
fn residual(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x > level.nx || gid.y > level.ny) { return; }
  let n = node_of(level, gid.x, gid.y);
  if (fixed[n] != 0u) { out[n] = vec2<f32>(0.0); return; }
  out[n] = rhs[n] - node_row(level, gid.x, gid.y).Ku;
}

@compute @workgroup_size(WG_X, WG_Y)
fn apply(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x > level.nx || gid.y > level.ny) { return; }
  let n = node_of(level, gid.x, gid.y);
  if (fixed[n] != 0u) { out[n] = vec2<f32>(0.0); return; }
  out[n] = node_row(level, gid.x, gid.y).Ku;
}
