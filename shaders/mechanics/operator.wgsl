// Q1 plane-strain stiffness on square elements, applied matrix-free by gathering at one node
// over its (up to) four elements, so no two invocations write the same node (no atomics).
// K_e = λ K_λ + μ K_μ, integrated exactly (2×2 Gauss is exact for square Q1; in 2D K_e does not
// depend on h). Row a of K_e u_e, with s = (s_x, s_y) ∈ {±1}² the side of local node a and
//   SX = u10 + u11 − u00 − u01,  SY = u01 + u11 − u00 − u10,  T = u00 + u11 − u10 − u01,
//   A_x = s_x (SX/4 + s_y T/12),  A_y = s_y (SY/4 + s_x T/12):
//   (K_e u)_a,x = (λ+2μ) A_x.x + μ A_y.x + (λ/4) s_x SY.y + (μ/4) s_y SX.y
//   (K_e u)_a,y = (λ+2μ) A_y.y + μ A_x.y + (λ/4) s_y SX.x + (μ/4) s_x SY.x
//   K_e[a][a]   = [[(λ+3μ)/3, (λ+μ) s_x s_y/4], [(λ+μ) s_x s_y/4, (λ+3μ)/3]]
// (the same matrix as the 8×8 block form in src/solvers/elasticity/twin.ts, in fewer flops).
// Units: λ, μ in kPa, u in µm, so K u is a force per unit thickness in kPa·µm.
// The including kernel defines node_value(n) -> vec2<f32> (u at node n) and
// element_lame(e) -> vec2<f32> ((λ, μ) of element e), so one operator serves storage and
// workgroup memory alike.

struct NodeRow {
  Ku: vec2<f32>,
  diag: mat2x2<f32>,
}

// u at node (i, j); zero off the grid, where it only meets elements that do not exist.
// Branch-free (clamped index, then select): branches here multiply in the coarse solve's
// barrier loop and blow up SwiftShader's compiler.
fn value_at(L: MechLevel, i: i32, j: i32) -> vec2<f32> {
  let inside = (i >= 0) & (j >= 0) & (i <= i32(L.nx)) & (j <= i32(L.ny));
  let v = node_value(node_of(L, u32(clamp(i, 0, i32(L.nx))), u32(clamp(j, 0, i32(L.ny)))));
  return select(vec2<f32>(0.0), v, inside);
}

// (λ, μ) of element (i, j); zero off the grid, so a missing element adds nothing.
fn lame_at(L: MechLevel, i: i32, j: i32) -> vec2<f32> {
  let inside = (i >= 0) & (j >= 0) & (i < i32(L.nx)) & (j < i32(L.ny));
  let v = element_lame(element_of(L, u32(clamp(i, 0, i32(L.nx) - 1)), u32(clamp(j, 0, i32(L.ny) - 1))));
  return select(vec2<f32>(0.0), v, inside);
}

// Row of K_e u_e for the local node on side s of an element with corners u00, u10, u01, u11.
fn element_row(s: vec2<f32>, lame: vec2<f32>, u00: vec2<f32>, u10: vec2<f32>, u01: vec2<f32>, u11: vec2<f32>) -> vec2<f32> {
  let SX = u10 + u11 - u00 - u01;
  let SY = u01 + u11 - u00 - u10;
  let T = u00 + u11 - u10 - u01;
  let Ax = s.x * (0.25 * SX + (s.y / 12.0) * T);
  let Ay = s.y * (0.25 * SY + (s.x / 12.0) * T);
  let l = lame.x;
  let m = lame.y;
  return vec2<f32>(
    (l + 2.0 * m) * Ax.x + m * Ay.x + 0.25 * (l * s.x * SY.y + m * s.y * SX.y),
    (l + 2.0 * m) * Ay.y + m * Ax.y + 0.25 * (l * s.y * SX.x + m * s.x * SY.x));
}

fn element_diag(s: vec2<f32>, lame: vec2<f32>) -> mat2x2<f32> {
  let d = (lame.x + 3.0 * lame.y) / 3.0;
  let o = 0.25 * (lame.x + lame.y) * s.x * s.y;
  return mat2x2<f32>(d, o, o, d);
}

// (K u) at node (i, j) and the node's own 2×2 diagonal block.
fn node_row(L: MechLevel, i: u32, j: u32) -> NodeRow {
  let x = i32(i);
  let y = i32(j);
  let v_mm = value_at(L, x - 1, y - 1);
  let v_0m = value_at(L, x, y - 1);
  let v_pm = value_at(L, x + 1, y - 1);
  let v_m0 = value_at(L, x - 1, y);
  let v_00 = value_at(L, x, y);
  let v_p0 = value_at(L, x + 1, y);
  let v_mp = value_at(L, x - 1, y + 1);
  let v_0p = value_at(L, x, y + 1);
  let v_pp = value_at(L, x + 1, y + 1);
  // The node is the north-east corner of the south-west element, and so on.
  let sw = lame_at(L, x - 1, y - 1);
  let se = lame_at(L, x, y - 1);
  let nw = lame_at(L, x - 1, y);
  let ne = lame_at(L, x, y);
  let s_sw = vec2<f32>(1.0, 1.0);
  let s_se = vec2<f32>(-1.0, 1.0);
  let s_nw = vec2<f32>(1.0, -1.0);
  let s_ne = vec2<f32>(-1.0, -1.0);
  let Ku = element_row(s_sw, sw, v_mm, v_0m, v_m0, v_00)
    + element_row(s_se, se, v_0m, v_pm, v_00, v_p0)
    + element_row(s_nw, nw, v_m0, v_00, v_mp, v_0p)
    + element_row(s_ne, ne, v_00, v_p0, v_0p, v_pp);
  let diag = element_diag(s_sw, sw) + element_diag(s_se, se) + element_diag(s_nw, nw) + element_diag(s_ne, ne);
  return NodeRow(Ku, diag);
}

fn inverse2(m: mat2x2<f32>) -> mat2x2<f32> {
  let det = m[0][0] * m[1][1] - m[1][0] * m[0][1];
  return mat2x2<f32>(m[1][1], -m[0][1], -m[1][0], m[0][0]) * (1.0 / det);
}
