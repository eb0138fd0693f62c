// A drug in tissue, implicit in time (BDF2; backward Euler on the first step):
// (α u − β uⁿ + γ uⁿ⁻¹)/Δt − ∇·(D∇u) + λ u = W·φ·(φ·C_p(t) − u),
// W = P·2πR_c/h² at vessel cells (permeability × vessel surface per tissue area), φ perfusion
// (fraction of normal flow: the lumen carries φ·C_p, as for oxygen),
// C_p the plasma concentration at the new time level, from the dosing schedule (dosing.ts).
// BDF2: α, β, γ = 3/2, 2, 1/2; backward Euler: 1, 1, 0.
// Units: u, C_p in the drug's unit (nM or relative), Δt in s, D in µm²/s, P in µm/s, λ and W in 1/s.
// Bindings: params, vessel (W_O2, p_wall, 2πR_c/h², 0), perfusion, u_n, u_nm1, k, a, f.
// Dispatch: linearGroups(nx·ny, WG).
override WG: u32 = 64u;

struct DrugParams {
  cells: u32,
  diffusivity: f32,
  decay: f32,
  dt: f32,
  alpha: f32,
  beta: f32,
  gamma: f32,
  plasma: f32,
  permeability: f32,
}

@group(0) @binding(0) var<uniform> params: DrugParams;
@group(0) @binding(1) var<storage, read> vessel: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> perfusion: array<f32>;
@group(0) @binding(3) var<storage, read> u_n: array<f32>;
@group(0) @binding(4) var<storage, read> u_nm1: array<f32>;
@group(0) @binding(5) var<storage, read_write> k: array<f32>;
@group(0) @binding(6) var<storage, read_write> a: array<f32>;
@group(0) @binding(7) var<storage, read_write> f: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let c = gid.x + gid.y * nwg.x * WG;
  if (c >= params.cells) { return; }
  let w = params.permeability * vessel[c].z * perfusion[c];
  k[c] = params.diffusivity;
  a[c] = params.alpha / params.dt + params.decay + w;
  f[c] = (params.beta * u_n[c] - params.gamma * u_nm1[c]) / params.dt + w * perfusion[c] * params.plasma;
}
