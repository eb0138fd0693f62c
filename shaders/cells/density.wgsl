// Deposited cells to a density field relative to full packing, smoothed over a physical length:
//   ρ = G_σ * Σ weights / (65536 · full-density cells per grid cell)
// with G_σ a Gaussian of standard deviation σ (µm), applied along x then along y and mirrored at
// the domain's edges (so no cell is lost there). The cells are a continuum only on scales that
// hold several of them: at full packing a 10 µm grid cell holds 0.45 cells, and the rules that
// read the density (room to divide, detachment, uptake, stiffness, growth strain, all but linear
// in it) would see the grid's sampling noise, not the tissue, if it were not smoothed over a
// fixed length (σ·/h taps of the grid, whatever h is).
// Bindings: params, contact (from deposit.wgsl), across (scratch), density.
// Dispatch: linearGroups(nx·ny, WG), once per entry point, along_x first.
override WG: u32;

struct DensityParams {
  nx: u32,
  ny: u32,
  cells_per_grid: f32,
  // σ in grid cells, and the taps taken on each side (3σ).
  sigma_cells: f32,
  radius: u32,
}

@group(0) @binding(0) var<uniform> params: DensityParams;
@group(0) @binding(1) var<storage, read> contact: array<u32>;
@group(0) @binding(2) var<storage, read_write> across: array<f32>;
@group(0) @binding(3) var<storage, read_write> density: array<f32>;

// Index i of a row or column of n, mirrored at both ends.
fn mirror(i: i32, n: i32) -> i32 {
  var m = i;
  if (m < 0) { m = -m - 1; }
  if (m >= n) { m = 2 * n - 1 - m; }
  return clamp(m, 0, n - 1);
}

fn weight(k: i32) -> f32 {
  if (params.radius == 0u) { return 1.0; }
  let x = f32(k) / params.sigma_cells;
  return exp(-0.5 * x * x);
}

fn norm() -> f32 {
  var sum = 0.0;
  for (var k = -i32(params.radius); k <= i32(params.radius); k++) { sum += weight(k); }
  return sum;
}

@compute @workgroup_size(WG)
fn along_x(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let c = gid.x + gid.y * nwg.x * WG;
  if (c >= params.nx * params.ny) { return; }
  let i = i32(c % params.nx);
  let row = c - u32(i);
  var sum = 0.0;
  for (var k = -i32(params.radius); k <= i32(params.radius); k++) {
    sum += weight(k) * f32(contact[2u * (row + u32(mirror(i + k, i32(params.nx))))]);
  }
  across[c] = sum / (norm() * 65536.0 * params.cells_per_grid);
}

@compute @workgroup_size(WG)
fn along_y(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let c = gid.x + gid.y * nwg.x * WG;
  if (c >= params.nx * params.ny) { return; }
  let i = c % params.nx;
  let j = i32(c / params.nx);
  var sum = 0.0;
  for (var k = -i32(params.radius); k <= i32(params.radius); k++) {
    sum += weight(k) * across[u32(mirror(j + k, i32(params.ny))) * params.nx + i];
  }
  density[c] = sum / norm();
}
