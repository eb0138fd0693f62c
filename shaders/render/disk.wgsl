// Instanced disks (vessels, cancer cells, NK cells): a quad per instance a pixel larger than the
// disk, and a fragment that keeps the pixels whose centres lie inside it, measured from the
// fragment's own pixel position (exact, unlike an interpolated coordinate, whose vertices the
// rasteriser snaps to its sub-pixel grid). A disk is never drawn smaller than a minimum pixel
// radius, so a 4 µm capillary stays visible when zoomed out; from rim_min_px up a filled disk
// gets a one-pixel rim in rim_rgba so it stands out on any colour map; a hollow disk (a collapsed
// vessel) keeps only its outer ring, from hollow_fraction of its radius out.
// Needs view.wgsl. Hard edges, no blending: later instances cover earlier ones.

struct DiskOut {
  @builtin(position) position: vec4<f32>,
  @location(0) @interpolate(flat) centre_px: vec2<f32>,
  @location(1) @interpolate(flat) rgba: u32,
  @location(2) @interpolate(flat) radius_px: f32,
  @location(3) @interpolate(flat) hollow: u32,
}

fn disk_vertex(centre: vec2<f32>, radius_um: f32, min_px: f32, vertex: u32, rgba: u32, hollow: bool) -> DiskOut {
  let mpp = view_params.microns_per_pixel;
  let radius = max(radius_um, min_px * mpp);
  var out: DiskOut;
  out.position = to_clip(centre + quad_corner(vertex) * (radius + mpp));
  out.centre_px = to_pixels(centre);
  out.rgba = rgba;
  out.radius_px = radius / mpp;
  out.hollow = select(0u, 1u, hollow);
  return out;
}

// Every vertex of an instance that is not drawn: outside the clip volume, and of zero area.
fn disk_hidden() -> DiskOut {
  var out: DiskOut;
  out.position = vec4<f32>(0.0, 0.0, 2.0, 1.0);
  return out;
}

@fragment
fn fs_disk(in: DiskOut) -> @location(0) vec4<f32> {
  let d = distance(in.position.xy, in.centre_px);
  if (d > in.radius_px) { discard; }
  if (in.hollow != 0u) {
    if (d < view_params.hollow_fraction * in.radius_px) { discard; }
    return unpack4x8unorm(in.rgba);
  }
  let rim = in.radius_px >= view_params.rim_min_px && d > in.radius_px - 1.0;
  return unpack4x8unorm(select(in.rgba, view_params.rim_rgba, rim));
}
