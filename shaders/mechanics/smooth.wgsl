// Point-block Gauss–Seidel step of one colour: u_n ← u_n + K_nn⁻¹ (rhs_n − (K u)_n), with K_nn
// the node's 2×2 diagonal block. Nodes of one colour share no element, so the update is a true
// Gauss–Seidel step done in parallel. Fixed (Dirichlet) nodes are left alone.
// Bindings: level (colour in level.colour), lame, fixed, rhs (level-operator.wgsl), u.
// Dispatch: (⌈(nx+1)/2⌉/WG_X, ⌈(ny+1)/2⌉/WG_Y), one invocation per node of the colour.
@group(0) @binding(4) var<storage, read_write> u: array<vec2<f32>>;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = 2u * gid.x + (level.colour & 1u);
  let j = 2u * gid.y + (level.colour >> 1u);
  if (i > level.nx || j > level.ny) { return; }
  let n = node_of(level, i, j);
  if (fixed[n] != 0u) { return; }
  let row = node_row(level, i, j);
  u[n] += inverse2(row.diag) * (rhs[n] - row.Ku);
}
