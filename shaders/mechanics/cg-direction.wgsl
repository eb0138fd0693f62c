// CG search direction p = z + β p; with β = 0 (restart) p = z exactly, whatever p held before.
// Bindings: params, scalars, z, p. Dispatch: (count/WG), one invocation per node.
override WG: u32;

@group(0) @binding(0) var<uniform> params: VectorParams;
@group(0) @binding(1) var<storage, read> s: CgScalars;
@group(0) @binding(2) var<storage, read> z: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> p: array<vec2<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let n = gid.x + gid.y * nwg.x * WG;
  if (n >= params.count) { return; }
  p[n] = select(z[n] + s.beta * p[n], z[n], s.beta == 0.0);
}
