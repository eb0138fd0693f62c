// Deterministic dot product Σ x_i·y_i in two passes without workgroup barriers (barrier-heavy
// tree reductions cost tens of milliseconds a call on software adapters): `partial` lets each
// of PARTIALS invocations sum a strided slice; `total` adds the partials in one invocation and
// stores the result in out[params.slot]. The summation order is fixed, so results repeat bit for bit.
// Bindings: params, x, y, partials, out. Dispatch: partial (PARTIALS/WG), total (1).
override WG: u32;

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

@compute @workgroup_size(WG)
fn partial(@builtin(global_invocation_id) gid: vec3<u32>) {
  let t = gid.x;
  if (t >= params.partial_count) { return; }
  var s = 0.0;
  for (var i = t; i < params.n; i += params.partial_count) {
    s += x[i] * y[i];
  }
  partials[t] = s;
}

@compute @workgroup_size(1)
fn total() {
  var s = 0.0;
  for (var i = 0u; i < params.partial_count; i++) {
    s += partials[i];
  }
  if (params.accumulate != 0u) { out[params.slot] += s; } else { out[params.slot] = s; }
}
