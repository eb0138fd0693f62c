// Writes the boundary displacement (µm) into u on the boundary nodes, before a solve with a
// clamped (zero) or prescribed boundary. Boundary node k runs along the south row (i = 0..nx),
// the north row (i = 0..nx), then the west and the east columns without corners (j = 1..ny−1):
// 2(nx + ny) nodes in all (boundaryNode() in src/solvers/elasticity/boundary.ts is its twin).
// Bindings: level, prescribed (vec2 per boundary node), u. Dispatch: (2(nx+ny)/WG).
override WG: u32;

@group(0) @binding(0) var<uniform> level: MechLevel;
@group(0) @binding(1) var<storage, read> prescribed: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read_write> u: array<vec2<f32>>;

fn boundary_node(k: u32) -> vec2<u32> {
  let w = level.nx + 1u;
  if (k < w) { return vec2<u32>(k, 0u); }
  if (k < 2u * w) { return vec2<u32>(k - w, level.ny); }
  let m = k - 2u * w;
  let side = level.ny - 1u;
  if (m < side) { return vec2<u32>(0u, m + 1u); }
  return vec2<u32>(level.nx, m - side + 1u);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let k = gid.x;
  if (k >= 2u * (level.nx + level.ny)) { return; }
  let ij = boundary_node(k);
  u[node_of(level, ij.x, ij.y)] = prescribed[k];
}
