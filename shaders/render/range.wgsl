// Colour range of the selected field: min and max over its finite values (NaN and ±Inf only
// counted), then the displayed range: the fixed one if the user set it; else symmetric ±max|v|
// for a diverging map, else [min, max]; with no finite value, or a zero symmetric range, the
// defaults of src/io/png.ts defaultRange ([0, 1], or [−1, 1] when symmetric).
// Bindings: field_params (uniform), field (read), range (read-write, one FieldRange).
// Dispatch: 1 workgroup of WG_RANGE invocations, a power of two for the tree reduction (it strides over the grid; cheap next to a step, and the result is the
// same whatever the order, so no atomics and no clearing).
// Needs field-value.wgsl.
override WG_RANGE: u32;

@group(0) @binding(0) var<uniform> field_params: FieldParams;
@group(0) @binding(1) var<storage, read> field: array<f32>;
@group(0) @binding(2) var<storage, read_write> range: FieldRange;

var<workgroup> lows: array<f32, WG_RANGE>;
var<workgroup> highs: array<f32, WG_RANGE>;
var<workgroup> finite: array<u32, WG_RANGE>;
var<workgroup> bad: array<u32, WG_RANGE>;

@compute @workgroup_size(WG_RANGE)
fn main(@builtin(local_invocation_index) k: u32) {
  let nx = field_params.nx;
  let cells = nx * field_params.ny;
  var lo = 3.4e38;
  var hi = -3.4e38;
  var n = 0u;
  var b = 0u;
  for (var c = k; c < cells; c += WG_RANGE) {
    let v = field_value(c % nx, c / nx);
    if (is_finite(v)) {
      lo = min(lo, v);
      hi = max(hi, v);
      n += 1u;
    } else {
      b += 1u;
    }
  }
  lows[k] = lo;
  highs[k] = hi;
  finite[k] = n;
  bad[k] = b;
  workgroupBarrier();
  for (var s = WG_RANGE / 2u; s > 0u; s /= 2u) {
    if (k < s) {
      lows[k] = min(lows[k], lows[k + s]);
      highs[k] = max(highs[k], highs[k + s]);
      finite[k] += finite[k + s];
      bad[k] += bad[k + s];
    }
    workgroupBarrier();
  }
  if (k != 0u) { return; }
  var out: FieldRange;
  out.finite = finite[0];
  out.non_finite = bad[0];
  let some = out.finite > 0u;
  out.data_min = select(0.0, lows[0], some);
  out.data_max = select(0.0, highs[0], some);
  let symmetric = field_params.symmetric != 0u;
  let m = max(abs(out.data_min), abs(out.data_max));
  if (field_params.fixed != 0u) {
    out.lo = field_params.fixed_lo;
    out.hi = field_params.fixed_hi;
  } else if (symmetric) {
    out.lo = select(-1.0, -m, m > 0.0);
    out.hi = select(1.0, m, m > 0.0);
  } else if (some) {
    out.lo = out.data_min;
    out.hi = out.data_max;
  } else {
    out.lo = 0.0;
    out.hi = 1.0;
  }
  range = out;
}
