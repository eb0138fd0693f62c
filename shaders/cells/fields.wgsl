// What the cells sense from the solved fields, gathered per grid cell into env[2c] (layout in
// agents.wgsl) so that one bilinear sample reads all four: (pO2, SMAC, p_s, von Mises).
// Bindings: params, pO2, SMAC, p_s, von Mises, env. Dispatch: linearGroups(nx·ny, WG).
override WG: u32;

struct FieldsParams {
  cells: u32,
}

@group(0) @binding(0) var<uniform> params: FieldsParams;
@group(0) @binding(1) var<storage, read> po2: array<f32>;
@group(0) @binding(2) var<storage, read> smac: array<f32>;
@group(0) @binding(3) var<storage, read> pressure: array<f32>;
@group(0) @binding(4) var<storage, read> von_mises: array<f32>;
@group(0) @binding(5) var<storage, read_write> env: array<vec4<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let k = gid.x + gid.y * nwg.x * WG;
  if (k >= params.cells) { return; }
  env[2u * k] = vec4<f32>(po2[k], smac[k], pressure[k], von_mises[k]);
}
