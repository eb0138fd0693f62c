// Stress at element centres (kPa), plane strain with in-plane growth eigenstrain ε* and
// ε*_zz = κ ε*:  σ = λ tr(ε − ε*) I + 2μ (ε − ε*),  tr(ε − ε*) = ε_xx + ε_yy − (2 + κ) ε*,
//   σ_xx = λ tr + 2μ(ε_xx − ε*),  σ_yy = λ tr + 2μ(ε_yy − ε*),  σ_xy = 2μ ε_xy,
//   σ_zz = λ tr − 2μ κ ε*  (ε_zz = 0).
// The Q1 strain at the centre is the mean of the edge differences: ∂u/∂x = (u10 + u11 − u00 − u01)/(2h).
// Bindings: level (h in µm, κ), lame, eigenstrain, u (µm), sxx, syy, sxy, szz.
// Dispatch: (nx/WG_X, ny/WG_Y), one invocation per element.
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: MechLevel;
@group(0) @binding(1) var<storage, read> lame: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> eigenstrain: array<f32>;
@group(0) @binding(3) var<storage, read> u: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read_write> sxx: array<f32>;
@group(0) @binding(5) var<storage, read_write> syy: array<f32>;
@group(0) @binding(6) var<storage, read_write> sxy: array<f32>;
@group(0) @binding(7) var<storage, read_write> szz: array<f32>;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let j = gid.y;
  if (i >= level.nx || j >= level.ny) { return; }
  let u00 = u[node_of(level, i, j)];
  let u10 = u[node_of(level, i + 1u, j)];
  let u01 = u[node_of(level, i, j + 1u)];
  let u11 = u[node_of(level, i + 1u, j + 1u)];
  let inv = 0.5 / level.h;
  let du_dx = (u10 + u11 - u00 - u01) * inv;
  let du_dy = (u01 + u11 - u00 - u10) * inv;
  let e = element_of(level, i, j);
  let lm = lame[e];
  let es = eigenstrain[e];
  let tr = du_dx.x + du_dy.y - (2.0 + level.kappa) * es;
  sxx[e] = lm.x * tr + 2.0 * lm.y * (du_dx.x - es);
  syy[e] = lm.x * tr + 2.0 * lm.y * (du_dy.y - es);
  sxy[e] = lm.y * (du_dy.x + du_dx.y);
  szz[e] = lm.x * tr - 2.0 * lm.y * level.kappa * es;
}
