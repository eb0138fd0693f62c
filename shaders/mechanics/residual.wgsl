// r = rhs − K u (entry point `residual`) or q = K u (entry point `apply`), zero on fixed nodes:
// the conjugate-gradient and multigrid operator acts on free nodes only, and the values of fixed
// nodes enter the free rows through K u.
// Bindings: level, lame, fixed, rhs (level-operator.wgsl; rhs unused by `apply`), u, out.
// Dispatch: ((nx+1)/WG_X, (ny+1)/WG_Y), one invocation per node.
@group(0) @binding(4) var<storage, read> u: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read_write> out: array<vec2<f32>>;

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
