// Cells layer: cancer cells in the tissue as disks of the nucleus's size (at least cell_min_px
// in radius) coloured by state, and NK cells in their own colour. A cancer cell is
//   at risk  (at_risk_rgba) where a death hazard applies to it now, as act.wgsl decides it
//            (once the simulation has stepped and the cells have sensed their environment):
//            pO2 below the necrosis threshold or detached (low density and low ECM), both
//            sampled as the rules sample them; or suspended (an assay's cells off the matrix);
//   primed   (primed_rgba) when its IAP is at least params.primed_iap, the readouts' "primed";
//   naive    (naive_rgba) otherwise.
// Circulating, lung and held cells are not in the slice and are not drawn.
// Bindings: view_params (uniform), params (the cells' CellParams uniform), body, tag, env
// (read, vertex stage); NK pipeline: view_params, nk_body (read, vertex stage).
// Draw: cancer 6 vertices × live count instances (indirect, from the census); NK 6 × NK count.
// Needs agents.wgsl, sample.wgsl (cells), view.wgsl and disk.wgsl.

@group(0) @binding(1) var<uniform> params: CellParams;
@group(0) @binding(2) var<storage, read> body: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> tag: array<vec4<u32>>;
@group(0) @binding(4) var<storage, read> env: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read> nk_body: array<vec4<f32>>;

@vertex
fn vs_cancer(@builtin(vertex_index) vertex: u32, @builtin(instance_index) i: u32) -> DiskOut {
  let pos = body[2u * i];
  let bio = body[2u * i + 1u];
  let compartment = tag[i].y;
  if (compartment != TISSUE && compartment != SUSPENDED) { return disk_hidden(); }
  let here = sample_env(pos.xy, 0u);
  let site = sample_env(pos.xy, 1u);
  let detached = site.z < params.detached_density && site.w < params.detached_ecm;
  let sensed = view_params.cells_sensed != 0u;
  let at_risk = compartment == SUSPENDED || (sensed && (here.x < params.necrosis_mmhg || detached));
  var rgba = select(view_params.naive_rgba, view_params.primed_rgba, bio.x >= params.primed_iap);
  rgba = select(rgba, view_params.at_risk_rgba, at_risk);
  return disk_vertex(pos.xy, 0.5 * view_params.nucleus_um, view_params.cell_min_px, vertex, rgba, false);
}

@vertex
fn vs_nk(@builtin(vertex_index) vertex: u32, @builtin(instance_index) i: u32) -> DiskOut {
  return disk_vertex(nk_body[i].xy, 0.5 * view_params.nucleus_um, view_params.cell_min_px, vertex, view_params.nk_rgba, false);
}
