// A drug in tissue, implicit in time (BDF2; backward Euler on the first step):
// (α u − β uⁿ + γ uⁿ⁻¹)/Δt − ∇·(D∇u) + λ u = W·φ·(φ·C_p(t) − u),
// W = Σ_v w_vc·G_v/h² from the vessels whose rings touch the cell, G_v = 2πRc·P/(1 + P·Rc·ln(r_eq/Rc)/D)
// the wall and the tissue near it in series (vessel-field.ts), this drug's slot of the vessel
// data; φ perfusion (fraction of normal flow: the lumen carries φ·C_p, as for oxygen),
// C_p the plasma concentration at the new time level, from the dosing schedule (dosing.ts).
// BDF2: α, β, γ = 3/2, 2, 1/2; backward Euler: 1, 1, 0.
// A lumen cell (W < 0: its centre lies inside a vessel) is plasma, not tissue: it is held at φ·C_p
// (a = |W|, f = |W|·φ·C_p) and nothing diffuses across its faces (k = 0).
// The multigrid starts from u, written here: uⁿ + (uⁿ − uⁿ⁻¹) on BDF2 steps (`extrapolate` 1),
// else uⁿ. A fixed 2 V-cycles a step leave a fraction of the guess's error, so starting from uⁿ
// left an error in proportion to the step's change, that is to Δt: the SMAC mimetic exposure of
// a capillary bed was 1.7 % high at Δt = 4 h and 0.4 % at 1 h. The extrapolated guess is off by
// O(Δt²) only (tests/gpu/drug-dosing.test.ts).
// Units: u, C_p in the drug's unit (nM or relative), Δt in s, D in µm²/s, λ and W in 1/s.
// Bindings: params, vessel (W_O2, p_wall, W_smac, W_softener; `slot` picks this drug's W),
// perfusion, u_n, u_nm1, k, a, f, u.
// DrugParams: drug-params.wgsl, which precedes this file.
// Dispatch: linearGroups(nx·ny, WG).
override WG: u32;

@group(0) @binding(0) var<uniform> params: DrugParams;
@group(0) @binding(1) var<storage, read> vessel: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> perfusion: array<f32>;
@group(0) @binding(3) var<storage, read> u_n: array<f32>;
@group(0) @binding(4) var<storage, read> u_nm1: array<f32>;
@group(0) @binding(5) var<storage, read_write> k: array<f32>;
@group(0) @binding(6) var<storage, read_write> a: array<f32>;
@group(0) @binding(7) var<storage, read_write> f: array<f32>;
@group(0) @binding(8) var<storage, read_write> u: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let c = gid.x + gid.y * nwg.x * WG;
  if (c >= params.cells) { return; }
  let exchange = vessel[c][params.slot];
  if (exchange < 0.0) {
    k[c] = 0.0;
    a[c] = -exchange;
    f[c] = -exchange * perfusion[c] * params.plasma;
    u[c] = perfusion[c] * params.plasma;
    return;
  }
  let w = exchange * perfusion[c];
  k[c] = params.diffusivity;
  a[c] = params.alpha / params.dt + params.decay + w;
  f[c] = (params.beta * u_n[c] - params.gamma * u_nm1[c]) / params.dt + w * perfusion[c] * params.plasma;
  u[c] = u_n[c] + params.extrapolate * (u_n[c] - u_nm1[c]);
}
