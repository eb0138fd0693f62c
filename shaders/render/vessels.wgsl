// Vessels layer: each capillary (perpendicular to the slice: a point with a radius, µm) as a
// disk at least vessel_min_px in radius: filled open_rgba where it is perfused (φ ≥ 0.5 in the
// grid cell holding its centre, read here from the oxygen solver's perfusion field), a hollow
// ring in collapsed_rgba where it has collapsed.
// Bindings: view_params (uniform), perfusion (read, vertex stage).
// Vertex buffer 0, per instance: vessel (x µm, y µm, radius µm).
// Draw: 6 vertices × vessel count instances. Needs view.wgsl and disk.wgsl.
const OPEN_PERFUSION: f32 = 0.5;

@group(0) @binding(1) var<storage, read> perfusion: array<f32>;

@vertex
fn vs_vessel(@builtin(vertex_index) vertex: u32, @location(0) vessel: vec3<f32>) -> DiskOut {
  let open = perfusion[grid_cell(vessel.xy)] >= OPEN_PERFUSION;
  let rgba = select(view_params.collapsed_rgba, view_params.open_rgba, open);
  return disk_vertex(vessel.xy, vessel.z, view_params.vessel_min_px, vertex, rgba, !open);
}
