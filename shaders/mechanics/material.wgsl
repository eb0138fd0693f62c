// Tissue material for the stress solve, per cell, advanced by one step of dt (days):
//   softening S: dS/dt = r_s·c/(1 + c)·(1 − S)  (c: softening agent, relative units), S ∈ [0, 1),
//   advanced exactly given the step's exposure X = ∫ c/(1 + c) dt, which the agent's solves of
//   this step summed (drug-exposure.wgsl): 1 − S ← (1 − S)·exp(−r_s·X)
//   collagen ECM from what was laid down and S (lib/collagen.wgsl), modulus E = E_normal·ECMᵏ:
//   stiffness and pores (cells/matrix.wgsl) follow the same collagen
//   stored growth strain ε: dε/dt = r_g·ρ·(1 − S_max·S), capped at ε_max  (ρ: cell density 0–1)
//   eigenstrain = ε·(1 − S_max·S): depleting the matrix also releases strain already stored
// The agent depletes collagen/HA: it softens the tumour and its confining stroma and slows the
// storage of growth strain, the two levers that set solid stress (README, "Model and numerics").
// Units: E in kPa, rates per day, X in days. Bindings: params, density, collagen laid down,
// exposure (read, then zeroed for the next step's sum), softening (read-write state), growth
// (read-write state), E, eigenstrain. Dispatch: linearGroups(nx·ny, WG), after the agent's solves
// of the step.
override WG: u32;

struct MaterialParams {
  cells: u32,
  dt_days: f32,
  softening_rate: f32,
  max_softening: f32,
  growth_rate: f32,
  max_growth: f32,
  normal_E: f32,
  modulus_exponent: f32,
}

@group(0) @binding(0) var<uniform> params: MaterialParams;
@group(0) @binding(1) var<storage, read> density: array<f32>;
@group(0) @binding(2) var<storage, read> laid_collagen: array<f32>;
@group(0) @binding(3) var<storage, read_write> exposure: array<f32>;
@group(0) @binding(4) var<storage, read_write> softening: array<f32>;
@group(0) @binding(5) var<storage, read_write> growth: array<f32>;
@group(0) @binding(6) var<storage, read_write> E: array<f32>;
@group(0) @binding(7) var<storage, read_write> eigenstrain: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let c = gid.x + gid.y * nwg.x * WG;
  if (c >= params.cells) { return; }
  // Exact for the relaxation given X, so any step size keeps S in [0, 1).
  let S0 = softening[c];
  let S = 1.0 - (1.0 - S0) * exp(-params.softening_rate * exposure[c]);
  exposure[c] = 0.0;
  softening[c] = S;
  let relief = 1.0 - params.max_softening * S;
  // Growth over the step at the mean of the relief at its two ends (trapezoid): the relief at the
  // end alone made the stored strain first order in dt while S rises.
  let mean_relief = 1.0 - params.max_softening * 0.5 * (S0 + S);
  let g = min(growth[c] + params.dt_days * params.growth_rate * density[c] * mean_relief, params.max_growth);
  growth[c] = g;
  E[c] = params.normal_E * pow(collagen(laid_collagen[c], S, params.max_softening), params.modulus_exponent);
  eigenstrain[c] = g * relief;
}
