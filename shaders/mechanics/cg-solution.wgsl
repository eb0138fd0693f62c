// CG update of the solution and the residual: u += α p, r −= α q with q = K p.
// Units: u in µm; r in kPa·µm. Bindings: params, scalars, p, q, u, r.
// Dispatch: (count/WG), one invocation per node.
override WG: u32;

@group(0) @binding(0) var<uniform> params: VectorParams;
@group(0) @binding(1) var<storage, read> s: CgScalars;
@group(0) @binding(2) var<storage, read> p: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> q: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read_write> u: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read_write> r: array<vec2<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let n = gid.x + gid.y * nwg.x * WG;
  if (n >= params.count) { return; }
  u[n] += s.alpha * p[n];
  r[n] -= s.alpha * q[n];
}
