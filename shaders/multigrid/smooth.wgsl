// Red-black Gauss–Seidel sweep of one colour: u_c ← (rhs_c + Σ T u_nb) / (a_c + Σ T) (stencil.wgsl).
// Bindings: level uniform, faces, cell (a, fixed), rhs, u. Dispatch: (⌈nx/2⌉/WG_X, ny/WG_Y); each
// invocation owns one cell of the colour `level.colour`. Fixed (Dirichlet) cells are left alone.
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<storage, read> faces: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> cell: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> rhs: array<f32>;
@group(0) @binding(4) var<storage, read_write> u: array<f32>;

fn u_value(c: u32) -> f32 {
  return u[c];
}

fn face_values(c: u32) -> vec4<f32> {
  return faces[c];
}

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
