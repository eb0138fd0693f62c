// One metrics sample of the grid, a row per invocation summed in order (so it repeats bit for
// bit): per row j, at ROWS + ROW_SUMS·j as f32 bits — Σ capture (each cell's share of area within
// the capture distance of a vessel wall), Σ capture·perfusion, tumour cells (density ≥ 0.5), and
// over tumour cells Σ pO2, hypoxic cells, Σ p_s, Σ SMAC, max p_s, Σ capture, Σ capture·perfusion
// (so Σ capture·φ / Σ capture is the perfusion of the vessels, weighted by their capture area);
// and a histogram of p_s over tumour cells (0.25 kPa bins, the last one open) for percentiles.
// Bindings: params, env, capture, ledger. Dispatch: linearGroups(ny, WG).

@group(0) @binding(0) var<uniform> params: CellParams;
@group(0) @binding(1) var<storage, read> env: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> capture: array<f32>;
@group(0) @binding(3) var<storage, read_write> ledger: array<atomic<u32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let j = agent_index(gid, nwg);
  if (j >= params.ny) { return; }
  var sums = array<f32, ROW_SUMS>(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
  for (var i = 0u; i < params.nx; i++) {
    let c = j * params.nx + i;
    let fields = env[2u * c];
    let site = env[2u * c + 1u];
    sums[0] += capture[c];
    sums[1] += site.y;
    if (site.z >= 0.5) {
      sums[2] += 1.0;
      sums[3] += fields.x;
      sums[4] += select(0.0, 1.0, fields.x < params.hypoxia_readout);
      sums[5] += fields.z;
      sums[6] += fields.y;
      sums[7] = max(sums[7], fields.z);
      sums[8] += capture[c];
      sums[9] += site.y;
      atomicAdd(&ledger[HISTOGRAM + u32(clamp(fields.z / 0.25, 0.0, 63.0))], 1u);
    }
  }
  for (var k = 0u; k < ROW_SUMS; k++) { atomicStore(&ledger[ROWS + ROW_SUMS * j + k], bitcast<u32>(sums[k])); }
}
