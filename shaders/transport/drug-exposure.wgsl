// A drug's saturating exposure over one solve, added to a running sum (days):
//   X += Δt·(f(uⁿ) + f(uⁿ⁺¹))/2,  f(u) = u/(1 + u)  (u relative to the half-saturating level)
// The softening agent's effect integrates f over time (material.wgsl). Its level rises within
// minutes of a dose and then decays with the plasma (τ ≈ 8.7 h at the default 6 h half-life):
// f at the step's start alone missed the rise in the step that holds each dose, and the exposure
// was 21 % low at Δt = 4 h. Summed over the solves of a step, cut at its doses
// (dose-substeps.ts), the trapezoid leaves 1.0 % at 4 h, first order through the backward-Euler
// solves after each dose (tests/gpu/softener-exposure.test.ts).
// The consumer zeroes X once it has read it.
// Bindings: params (DrugParams, drug-params.wgsl, which precedes this file), u_n, u, exposure.
// Dispatch: linearGroups(nx·ny, WG), after the solve.
override WG: u32;

@group(0) @binding(0) var<uniform> params: DrugParams;
@group(0) @binding(1) var<storage, read> u_n: array<f32>;
@group(0) @binding(2) var<storage, read> u: array<f32>;
@group(0) @binding(3) var<storage, read_write> exposure: array<f32>;

fn saturation(level: f32) -> f32 {
  let c = max(level, 0.0);
  return c / (1.0 + c);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let c = gid.x + gid.y * nwg.x * WG;
  if (c >= params.cells) { return; }
  let dt_days = params.dt / 86400.0;
  exposure[c] += 0.5 * dt_days * (saturation(u_n[c]) + saturation(u[c]));
}
