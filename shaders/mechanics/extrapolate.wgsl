// The stress solve's starting guess: the last two steps' displacements extrapolated linearly,
// u ← u + (u − u_prev), and u_prev ← u. Growth strains change smoothly from step to step, so
// the guess is off by the trend's curvature rather than by a whole step's change, and the
// tolerance-stopped CG needs fewer iterations; the answer is the solve's, to its tolerance.
// Boundary values are imposed after it (Elasticity.solve).
// Bindings: params, u, previous. Dispatch: (count/WG), one invocation per node.
override WG: u32;

@group(0) @binding(0) var<uniform> params: VectorParams;
@group(0) @binding(1) var<storage, read_write> u: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read_write> previous: array<vec2<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let n = gid.x + gid.y * nwg.x * WG;
  if (n >= params.count) { return; }
  let current = u[n];
  u[n] = 2.0 * current - previous[n];
  previous[n] = current;
}
