// One value per grid cell of the selected field, as the field registry describes its buffer
// (src/sim/field-registry.ts): field[stride·c + offset], or for a node vector field (2 floats
// per node on (nx+1)(ny+1) nodes) the magnitude averaged over the cell's four corners, the
// same sum in the same order as cellMagnitude in src/sim/snapshot.ts.
// The including shader declares `field_params: FieldParams` (uniform) and `field: array<f32>`.

struct FieldParams {
  nx: u32,
  ny: u32,
  stride: u32,
  offset: u32,
  vector: u32,
  map: u32,
  symmetric: u32,
  fixed: u32,
  fixed_lo: f32,
  fixed_hi: f32,
  nan_rgba: u32,
}

// What range.wgsl finds and field.wgsl draws with: the finite data's extremes, the displayed
// range [lo, hi], and how many values were finite and how many NaN or ±Inf.
struct FieldRange {
  data_min: f32,
  data_max: f32,
  lo: f32,
  hi: f32,
  finite: u32,
  non_finite: u32,
}

// By the bits, since WGSL lets an implementation assume arithmetic never meets NaN or Inf.
fn is_finite(v: f32) -> bool {
  return (bitcast<u32>(v) & 0x7f800000u) != 0x7f800000u;
}

fn node_magnitude(k: u32) -> f32 {
  return length(vec2<f32>(field[2u * k], field[2u * k + 1u]));
}

fn field_value(i: u32, j: u32) -> f32 {
  let p = field_params;
  if (p.vector != 0u) {
    let w = p.nx + 1u;
    let k = j * w + i;
    return (node_magnitude(k) + node_magnitude(k + 1u) + node_magnitude(k + w) + node_magnitude(k + w + 1u)) / 4.0;
  }
  return field[(j * p.nx + i) * p.stride + p.offset];
}
