// Capillary perfusion under solid stress: the open fraction a vessel would have at the local
// compressive mean stress p_s, φ* = 1/(1 + (max(p_s, 0)/σ_c)^n), reached at once when it falls
// (collapse) and approached with time constant τ when it rises (reopening is slower).
// Units: stress in kPa, time in hours. Bindings: params, pressure, perfusion (read-write).
// Dispatch: linearGroups(nx·ny, WG).
override WG: u32;

struct PerfusionParams {
  cells: u32,
  collapse_stress: f32,
  exponent: f32,
  recovery: f32,
}

@group(0) @binding(0) var<uniform> params: PerfusionParams;
@group(0) @binding(1) var<storage, read> pressure: array<f32>;
@group(0) @binding(2) var<storage, read_write> perfusion: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let c = gid.x + gid.y * nwg.x * WG;
  if (c >= params.cells) { return; }
  let target_open = 1.0 / (1.0 + pow(max(pressure[c], 0.0) / params.collapse_stress, params.exponent));
  let now = perfusion[c];
  // params.recovery = 1 − exp(−dt/τ): the fraction of the way back a reopening vessel goes per step.
  perfusion[c] = select(now + (target_open - now) * params.recovery, target_open, target_open < now);
}
