// Shared by every render shader: the view's uniform (camera, grid and style) and the quad that
// the field's rectangle and each instanced disk are drawn with.
// World coordinates are µm from the grid's corner, y up (grid row 0 at the bottom); the camera
// is orthographic, clip = world · scale + offset (src/app/view/camera.ts).
// Colours are RGBA8 packed into a u32, red in the low byte (unpack4x8unorm's order).
// Binding 0 of every render pipeline: view_params (uniform).

struct ViewParams {
  scale_x: f32,
  scale_y: f32,
  offset_x: f32,
  offset_y: f32,
  microns_per_pixel: f32,
  width_px: f32,
  height_px: f32,
  nx: u32,
  ny: u32,
  h: f32,
  vessel_min_px: f32,
  cell_min_px: f32,
  nucleus_um: f32,
  rim_min_px: f32,
  hollow_fraction: f32,
  open_rgba: u32,
  collapsed_rgba: u32,
  naive_rgba: u32,
  primed_rgba: u32,
  at_risk_rgba: u32,
  nk_rgba: u32,
  rim_rgba: u32,
  // 1 once the simulation has stepped: before that the cells have not sampled their
  // environment, so no cell can be judged at risk from it.
  cells_sensed: u32,
}

@group(0) @binding(0) var<uniform> view_params: ViewParams;

fn to_clip(p: vec2<f32>) -> vec4<f32> {
  let v = view_params;
  return vec4<f32>(p.x * v.scale_x + v.offset_x, p.y * v.scale_y + v.offset_y, 0.0, 1.0);
}

// Framebuffer pixel coordinates (x right, y down, pixel centres at +0.5) of world point p.
fn to_pixels(p: vec2<f32>) -> vec2<f32> {
  let c = to_clip(p);
  return vec2<f32>((c.x + 1.0) * 0.5 * view_params.width_px, (1.0 - c.y) * 0.5 * view_params.height_px);
}

// Corner of a quad drawn as two triangles (vertex_index 0…5), in [−1, 1]².
fn quad_corner(vertex: u32) -> vec2<f32> {
  var corners = array<vec2<f32>, 6>(
    vec2<f32>(-1.0, -1.0), vec2<f32>(1.0, -1.0), vec2<f32>(-1.0, 1.0),
    vec2<f32>(-1.0, 1.0), vec2<f32>(1.0, -1.0), vec2<f32>(1.0, 1.0));
  return corners[vertex];
}

// The grid cell holding world point p (clamped to the grid).
fn grid_cell(p: vec2<f32>) -> u32 {
  let v = view_params;
  let i = u32(clamp(floor(p.x / v.h), 0.0, f32(v.nx - 1u)));
  let j = u32(clamp(floor(p.y / v.h), 0.0, f32(v.ny - 1u)));
  return j * v.nx + i;
}
