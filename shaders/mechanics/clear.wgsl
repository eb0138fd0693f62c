// x = 0: the zero initial guess of the finest-level multigrid correction.
// Bindings: params, x. Dispatch: (count/WG), one invocation per node.
override WG: u32;

@group(0) @binding(0) var<uniform> params: VectorParams;
@group(0) @binding(1) var<storage, read_write> x: array<vec2<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let n = gid.x + gid.y * nwg.x * WG;
  if (n < params.count) { x[n] = vec2<f32>(0.0); }
}
