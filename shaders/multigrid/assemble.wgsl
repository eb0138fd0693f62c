// Assembles the finest level of a·u − ∇·(k∇u) = f (cell-centred finite volumes):
// face transmissibilities T = k_face / h² with k_face the harmonic mean of the two cells,
// boundary faces from the boundary conditions, and Dirichlet/Neumann data folded into rhs.
// Units: k in µm²/s (or any length²/time), h in µm, a in 1/s, so T in 1/s.
// Bindings: level, spacing, k, a, f, fixed, faces, cell, rhs. Dispatch: (nx/WG_X, ny/WG_Y).
override WG_X: u32;
override WG_Y: u32;

struct Spacing {
  hx: f32,
  hy: f32,
  // Boundary values: Dirichlet value, or Neumann k·∂u/∂n (outward normal), per side.
  g_w: f32,
  g_e: f32,
  g_s: f32,
  g_n: f32,
}

@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<uniform> spacing: Spacing;
@group(0) @binding(2) var<storage, read> k: array<f32>;
@group(0) @binding(3) var<storage, read> a: array<f32>;
@group(0) @binding(4) var<storage, read> f: array<f32>;
@group(0) @binding(5) var<storage, read> fixed: array<u32>;
@group(0) @binding(6) var<storage, read_write> faces: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read_write> cell: array<vec2<f32>>;
@group(0) @binding(8) var<storage, read_write> rhs: array<f32>;

fn harmonic(k1: f32, k2: f32) -> f32 {
  let s = k1 + k2;
  if (s <= 0.0) { return 0.0; }
  return 2.0 * k1 * k2 / s;
}

struct Face {
  T: f32,
  source: f32,
}

fn face(i: i32, j: i32, di: i32, dj: i32, kc: f32, h: f32, bc: u32, g: f32) -> Face {
  let nb = neighbour(level, i, j, di, dj);
  if (nb >= 0) { return Face(harmonic(kc, k[nb]) / (h * h), 0.0); }
  if (bc == BC_DIRICHLET) {
    let T = 2.0 * kc / (h * h);
    return Face(T, T * g);
  }
  return Face(0.0, g / h);
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let c = owned_cell(gid, level.nx, level.ny);
  if (c == OFF_GRID) { return; }
  let i = i32(gid.x);
  let j = i32(gid.y);
  let kc = k[c];
  let w = face(i, j, -1, 0, kc, spacing.hx, level.bc_w, spacing.g_w);
  let e = face(i, j, 1, 0, kc, spacing.hx, level.bc_e, spacing.g_e);
  let s = face(i, j, 0, -1, kc, spacing.hy, level.bc_s, spacing.g_s);
  let n = face(i, j, 0, 1, kc, spacing.hy, level.bc_n, spacing.g_n);
  faces[c] = vec4<f32>(w.T, e.T, s.T, n.T);
  cell[c] = vec2<f32>(a[c], select(0.0, 1.0, fixed[c] != 0u));
  rhs[c] = f[c] + w.source + e.source + s.source + n.source;
}
