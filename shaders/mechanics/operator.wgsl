// Q1 plane-strain stiffness on square elements, applied matrix-free by gathering at one node
// over its (up to) four elements, so no two invocations write the same node (no atomics).
// K_e = λ K_λ + μ K_μ, integrated exactly (2×2 Gauss is exact for square Q1); in 2D it does not
// depend on h. Local nodes a, b ∈ {0,1}², s(0) = −1, s(1) = 1, m(p,q) = 1/3 if p = q else 1/6:
//   I_xx = s(a.x)s(b.x)m(a.y,b.y)   I_yy = s(a.y)s(b.y)m(a.x,b.x)
//   I_xy = s(a.x)s(b.y)/4           I_yx = s(a.y)s(b.x)/4
//   K_λ[a][b] = [[I_xx, I_xy], [I_yx, I_yy]]   K_μ[a][b] = [[2I_xx + I_yy, I_yx], [I_xy, 2I_yy + I_xx]]
// Units: λ, μ in kPa, u in µm, so K u is a force per unit thickness in kPa·µm.
// The including kernel defines node_value(n) -> vec2<f32> (u at node n) and
// element_lame(e) -> vec2<f32> (λ, μ of element e), so one operator serves storage and
// workgroup memory alike.

fn sign01(p: u32) -> f32 {
  return select(-1.0, 1.0, p == 1u);
}

fn mass01(p: u32, q: u32) -> f32 {
  return select(1.0 / 6.0, 1.0 / 3.0, p == q);
}

// The 2×2 block of K_e coupling local node a (row) to local node b (column).
fn element_block(a: vec2<u32>, b: vec2<u32>, lame: vec2<f32>) -> mat2x2<f32> {
  let ixx = sign01(a.x) * sign01(b.x) * mass01(a.y, b.y);
  let iyy = sign01(a.y) * sign01(b.y) * mass01(a.x, b.x);
  let ixy = 0.25 * sign01(a.x) * sign01(b.y);
  let iyx = 0.25 * sign01(a.y) * sign01(b.x);
  let l = lame.x;
  let m = lame.y;
  // Columns: (K_xx, K_yx), (K_xy, K_yy).
  return mat2x2<f32>(
    l * ixx + m * (2.0 * ixx + iyy), l * iyx + m * ixy,
    l * ixy + m * iyx, l * iyy + m * (2.0 * iyy + ixx));
}

struct NodeRow {
  Ku: vec2<f32>,
  diag: mat2x2<f32>,
}

// (K u) at node (i, j) and the node's own 2×2 diagonal block.
fn node_row(L: MechLevel, i: u32, j: u32) -> NodeRow {
  var Ku = vec2<f32>(0.0);
  var diag = mat2x2<f32>(vec2<f32>(0.0), vec2<f32>(0.0));
  for (var dy = 0u; dy < 2u; dy++) {
    for (var dx = 0u; dx < 2u; dx++) {
      // Element (i + dx − 1, j + dy − 1), where this node is local node (1 − dx, 1 − dy).
      if (i + dx < 1u || j + dy < 1u || i + dx > L.nx || j + dy > L.ny) { continue; }
      let ei = i + dx - 1u;
      let ej = j + dy - 1u;
      let lame = element_lame(element_of(L, ei, ej));
      let a = vec2<u32>(1u - dx, 1u - dy);
      for (var by = 0u; by < 2u; by++) {
        for (var bx = 0u; bx < 2u; bx++) {
          Ku += element_block(a, vec2<u32>(bx, by), lame) * node_value(node_of(L, ei + bx, ej + by));
        }
      }
      diag += element_block(a, a, lame);
    }
  }
  return NodeRow(Ku, diag);
}

fn inverse2(m: mat2x2<f32>) -> mat2x2<f32> {
  let det = m[0][0] * m[1][1] - m[1][0] * m[0][1];
  return mat2x2<f32>(m[1][1], -m[0][1], -m[1][0], m[0][0]) * (1.0 / det);
}
