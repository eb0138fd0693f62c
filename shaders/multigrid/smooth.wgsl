// Red-black Gauss–Seidel sweep of one colour: u_c ← (rhs_c + Σ T u_nb) / (a_c + Σ T) (stencil.wgsl).
// Bindings: level, faces, cell (a, fixed), rhs (level-operator.wgsl), u. Dispatch: (⌈nx/2⌉/WG_X,
// ny/WG_Y); each invocation owns one cell of the colour `level.colour`. Fixed (Dirichlet) cells
// are left alone.
@group(0) @binding(4) var<storage, read_write> u: array<f32>;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let j = gid.y;
  let i = 2u * gid.x + ((j + level.colour) & 1u);
  if (i >= level.nx || j >= level.ny) { return; }
  let c = cell_index(i, j, level.nx);
  let ac = cell[c];
  if (ac.y != 0.0) { return; }
  let v = relaxed(level, i, j, c, ac.x, rhs[c]);
  if (v.y != 0.0) { u[c] = v.x; }
}
