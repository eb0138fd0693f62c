// Oxygen, quasi-steady: −∇·(D∇p) + U(p) + W·φ·(p − φ·p_wall) = 0, with Michaelis–Menten uptake
// U(p) = M·ρ·p/(p + Km) (ρ: cell density, 0–1) and W = Σ_v w_vc·T_v/h² the exchange of the
// vessels whose rings touch the cell (vessel-field.ts). Perfusion φ is the vessel's fraction of
// normal flow: its lumen carries φ·p_wall, and its exchange scales with φ, so a closed vessel
// neither feeds nor drains tissue.
// A lumen cell (W < 0: its centre lies inside a vessel) is blood, not tissue: it is held at
// φ·p_wall (a = |W|, f = |W|·φ·p_wall) and nothing diffuses across its faces (k = 0); the
// vessel's exchange goes through its ring.
// One Newton step around p0 = max(p, 0) gives a·p − ∇·(k∇p) = f with
// a = M·ρ·Km/(p0+Km)² + W·φ and f = W·φ²·p_wall − M·ρ·p0²/(p0+Km)².
// Units: p in mmHg, D in µm²/s, M in mmHg/s, W in 1/s.
// Bindings: params, density, vessel (W_O2, p_wall, W_smac, W_softener), perfusion, p, k, a, f.
// Dispatch: linearGroups(nx·ny, WG).
override WG: u32 = 64u;

struct OxygenParams {
  cells: u32,
  diffusivity: f32,
  max_uptake: f32,
  km: f32,
}

@group(0) @binding(0) var<uniform> params: OxygenParams;
@group(0) @binding(1) var<storage, read> density: array<f32>;
@group(0) @binding(2) var<storage, read> vessel: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> perfusion: array<f32>;
@group(0) @binding(4) var<storage, read> p: array<f32>;
@group(0) @binding(5) var<storage, read_write> k: array<f32>;
@group(0) @binding(6) var<storage, read_write> a: array<f32>;
@group(0) @binding(7) var<storage, read_write> f: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let c = gid.x + gid.y * nwg.x * WG;
  if (c >= params.cells) { return; }
  let v = vessel[c];
  if (v.x < 0.0) {
    k[c] = 0.0;
    a[c] = -v.x;
    f[c] = -v.x * perfusion[c] * v.y;
    return;
  }
  let p0 = max(p[c], 0.0);
  let m = params.max_uptake * density[c];
  let w = v.x * perfusion[c];
  let s = p0 + params.km;
  var slope = 0.0;
  var excess = 0.0;
  if (s > 0.0) {
    slope = m * params.km / (s * s);
    excess = m * p0 * p0 / (s * s);
  }
  k[c] = params.diffusivity;
  a[c] = slope + w;
  f[c] = w * perfusion[c] * v.y - excess;
}
