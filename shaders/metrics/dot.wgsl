// Deterministic dot product Σ x_i·y_i in two passes: `partial` sums a grid-stride slice per
// workgroup and reduces it as a tree; `total` adds the partials in one workgroup and stores the
// result in out[params.slot]. The summation order is fixed, so results repeat bit for bit.
// Bindings: params, x, y, partials, out. Dispatch: partial (PARTIALS), total (1).
const WG: u32 = 256u;

struct DotParams {
  n: u32,
  slot: u32,
  partial_count: u32,
  accumulate: u32,
}

@group(0) @binding(0) var<uniform> params: DotParams;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> y: array<f32>;
@group(0) @binding(3) var<storage, read_write> partials: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;

var<workgroup> scratch: array<f32, WG>;

fn tree(lid: u32) {
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    workgroupBarrier();
    if (lid < stride) { scratch[lid] += scratch[lid + stride]; }
  }
  workgroupBarrier();
}

@compute @workgroup_size(WG)
fn partial(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>) {
  var s = 0.0;
  let stride = WG * params.partial_count;
  for (var i = wid.x * WG + lid.x; i < params.n; i += stride) {
    s += x[i] * y[i];
  }
  scratch[lid.x] = s;
  tree(lid.x);
  if (lid.x == 0u) { partials[wid.x] = scratch[0]; }
}

@compute @workgroup_size(WG)
fn total(@builtin(local_invocation_id) lid: vec3<u32>) {
  var s = 0.0;
  for (var i = lid.x; i < params.partial_count; i += WG) {
    s += partials[i];
  }
  scratch[lid.x] = s;
  tree(lid.x);
  if (lid.x == 0u) {
    if (params.accumulate != 0u) { out[params.slot] += scratch[0]; } else { out[params.slot] = scratch[0]; }
  }
}
