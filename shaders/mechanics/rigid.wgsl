// Removes the rigid-body modes of a traction-free body from a node vector:
// x ← x − Σ_k (x·m_k) m_k, with m_x, m_y the unit translations and m_rot the unit
// infinitesimal rotation (−y, x) about the grid centre (the three are orthonormal on the node
// grid). The coefficients x·m_k come from dot products into the CG scalars.
// Bindings: params, scalars, m_x, m_y, m_rot, x. Dispatch: (count/WG), one invocation per node.
override WG: u32;

@group(0) @binding(0) var<uniform> params: VectorParams;
@group(0) @binding(1) var<storage, read> s: CgScalars;
@group(0) @binding(2) var<storage, read> m_x: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> m_y: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read> m_rot: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read_write> x: array<vec2<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let n = gid.x + gid.y * nwg.x * WG;
  if (n >= params.count) { return; }
  x[n] -= s.mode_x * m_x[n] + s.mode_y * m_y[n] + s.mode_rot * m_rot[n];
}
