// Bilinear sampling of the environment grid (layout in agents.wgsl), for kernels that bind `env`.

// Bilinear in cell centres, clamped at the edges: part = 0 for env[2c], 1 for env[2c + 1].
fn sample_env(p: vec2<f32>, part: u32) -> vec4<f32> {
  let g = clamp(p / params.h - vec2<f32>(0.5), vec2<f32>(0.0), vec2<f32>(f32(params.nx - 1u), f32(params.ny - 1u)));
  let i0 = min(u32(g.x), params.nx - 1u);
  let j0 = min(u32(g.y), params.ny - 1u);
  let i1 = min(i0 + 1u, params.nx - 1u);
  let j1 = min(j0 + 1u, params.ny - 1u);
  let f = g - vec2<f32>(f32(i0), f32(j0));
  let a = env[2u * (j0 * params.nx + i0) + part];
  let b = env[2u * (j0 * params.nx + i1) + part];
  let c = env[2u * (j1 * params.nx + i0) + part];
  let d = env[2u * (j1 * params.nx + i1) + part];
  return mix(mix(a, b, f.x), mix(c, d, f.x), f.y);
}

// Pore size is a property of the grid cell the point lies in: read as is, not interpolated, so a
// membrane one cell thick stays a sharp barrier (interpolation would open gaps at its ends).
fn pore_at(p: vec2<f32>) -> f32 {
  return env[2u * cell_at(p) + 1u].x;
}
