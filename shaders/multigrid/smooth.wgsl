// Red-black Gauss–Seidel sweep of one colour: u_c ← (rhs_c + Σ T u_nb) / (a_c + Σ T).
// Bindings: level uniform, faces, cell (a, fixed), rhs, u. Dispatch: (⌈nx/2⌉/WG_X, ny/WG_Y); each
// invocation owns one cell of the colour `level.colour`. Fixed (Dirichlet) cells are left alone.
override WG_X: u32 = 8u;
override WG_Y: u32 = 8u;

@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<storage, read> faces: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> cell: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> rhs: array<f32>;
@group(0) @binding(4) var<storage, read_write> u: array<f32>;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let j = gid.y;
  let i = 2u * gid.x + ((j + level.colour) & 1u);
  if (i >= level.nx || j >= level.ny) { return; }
  let c = cell_index(i, j, level.nx);
  let ac = cell[c];
  if (ac.y != 0.0) { return; }
  let ns = neighbour_sum(level, i32(i), i32(j), c);
  let diag = ac.x + ns.y;
  if (diag > 0.0) {
    u[c] = (rhs[c] + ns.x) / diag;
  }
}
