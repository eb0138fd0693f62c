// Field layer: the grid as one rectangle in world coordinates, each pixel coloured by the value
// of the grid cell under it (nearest, no interpolation: a cell is a cell), mapped through a
// 256-entry colour table over the displayed range that range.wgsl wrote this frame. Matches
// src/io/colormap.ts colorOf: index floor(t·256) capped to [0, 255], a degenerate range gives
// the middle entry, NaN gives nan_rgba, ±Inf the end entries.
// Bindings: view_params (uniform, vertex+fragment), field_params (uniform), field (read),
// range (read), colormaps (read: 3 × 256 packed RGBA8, viridis, magma, coolwarm).
// Draw: 6 vertices, 1 instance. Needs view.wgsl and field-value.wgsl.

@group(0) @binding(1) var<uniform> field_params: FieldParams;
@group(0) @binding(2) var<storage, read> field: array<f32>;
@group(0) @binding(3) var<storage, read> range: FieldRange;
@group(0) @binding(4) var<storage, read> colormaps: array<u32>;

struct FieldOut {
  @builtin(position) position: vec4<f32>,
  @location(0) world: vec2<f32>,
}

@vertex
fn vs_field(@builtin(vertex_index) vertex: u32) -> FieldOut {
  let size = vec2<f32>(f32(view_params.nx), f32(view_params.ny)) * view_params.h;
  let world = (quad_corner(vertex) * 0.5 + 0.5) * size;
  return FieldOut(to_clip(world), world);
}

fn color_index(v: f32) -> u32 {
  if (!is_finite(v)) { return select(255u, 0u, (bitcast<u32>(v) >> 31u) != 0u); }
  let lo = range.lo;
  let hi = range.hi;
  let t = select(0.5, (v - lo) / (hi - lo), hi > lo);
  return u32(clamp(floor(t * 256.0), 0.0, 255.0));
}

@fragment
fn fs_field(in: FieldOut) -> @location(0) vec4<f32> {
  let c = grid_cell(in.world);
  let v = field_value(c % view_params.nx, c / view_params.nx);
  let nan = (bitcast<u32>(v) & 0x7fffffffu) > 0x7f800000u;
  let rgba = select(colormaps[256u * field_params.map + color_index(v)], field_params.nan_rgba, nan);
  return unpack4x8unorm(rgba);
}
