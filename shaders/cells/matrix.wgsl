// The matrix the cells move through, per grid cell (layout of env[2c + 1] in agents.wgsl):
//   ECM  = collagen(ECM_0, S)                         (lib/collagen.wgsl; ECM_0: collagen density
//          laid down, 1 = normal tissue; S: softening state): the material update's modulus
//          E_normal·ECMᵏ reads the same collagen, so stiffer tissue has narrower pores
//   pore = d0 / √ECM · exp(−max(p_s, 0)/p_pore)      (denser collagen and compression narrow pores)
//   site.y = capture·φ                               (capture: the share of the cell's area within
//          the capture distance of a vessel's wall, model/vessel-exchange.ts; φ: perfusion)
// Bindings: params, ecm_base, capture, softening state, perfusion, p_s, density, env.
// Dispatch: linearGroups(nx·ny, WG).
override WG: u32;

struct MatrixParams {
  cells: u32,
  max_softening: f32,
  pore: f32,
  pore_compression: f32,
}

@group(0) @binding(0) var<uniform> params: MatrixParams;
@group(0) @binding(1) var<storage, read> ecm_base: array<f32>;
@group(0) @binding(2) var<storage, read> capture: array<f32>;
@group(0) @binding(3) var<storage, read> softening: array<f32>;
@group(0) @binding(4) var<storage, read> perfusion: array<f32>;
@group(0) @binding(5) var<storage, read> pressure: array<f32>;
@group(0) @binding(6) var<storage, read> density: array<f32>;
@group(0) @binding(7) var<storage, read_write> env: array<vec4<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let k = gid.x + gid.y * nwg.x * WG;
  if (k >= params.cells) { return; }
  let ecm = collagen(ecm_base[k], softening[k], params.max_softening);
  let pore = params.pore / sqrt(ecm) * exp(-max(pressure[k], 0.0) / params.pore_compression);
  env[2u * k + 1u] = vec4<f32>(pore, capture[k] * perfusion[k], density[k], ecm);
}
