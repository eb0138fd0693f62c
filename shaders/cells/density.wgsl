// Deposited cells to a density field relative to full packing:
//   ρ = Σ weights / (65536 · full-density cells per grid cell)
// Bindings: params, contact (from deposit.wgsl), density. Dispatch: linearGroups(nx·ny, WG).
override WG: u32 = 64u;

struct DensityParams {
  cells: u32,
  cells_per_grid: f32,
}

@group(0) @binding(0) var<uniform> params: DensityParams;
@group(0) @binding(1) var<storage, read> contact: array<u32>;
@group(0) @binding(2) var<storage, read_write> density: array<f32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let k = gid.x + gid.y * nwg.x * WG;
  if (k >= params.cells) { return; }
  density[k] = f32(contact[3u * k]) / (65536.0 * params.cells_per_grid);
}
