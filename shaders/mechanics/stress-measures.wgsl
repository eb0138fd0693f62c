// Scalar measures per element: compressive mean in-plane stress p_s = −(σxx + σyy)/2 (kPa; the
// vessel-collapse measure, docs/references.md, "Solid stress and vessels"), 2D deviatoric von Mises
// √(3/4 (σxx − σyy)² + 3 σxy²) (kPa; √3/2·|σrr − σθθ| for the inclusion), and the magnitude of
// the displacement at the element centre (µm).
// Bindings: level, sxx, syy, sxy, u, pressure, von_mises, displacement.
// Dispatch: (nx/WG_X, ny/WG_Y), one invocation per element.
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: MechLevel;
@group(0) @binding(1) var<storage, read> sxx: array<f32>;
@group(0) @binding(2) var<storage, read> syy: array<f32>;
@group(0) @binding(3) var<storage, read> sxy: array<f32>;
@group(0) @binding(4) var<storage, read> u: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read_write> pressure: array<f32>;
@group(0) @binding(6) var<storage, read_write> von_mises: array<f32>;
@group(0) @binding(7) var<storage, read_write> displacement: array<f32>;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let j = gid.y;
  if (i >= level.nx || j >= level.ny) { return; }
  let e = element_of(level, i, j);
  let a = sxx[e];
  let b = syy[e];
  let c = sxy[e];
  pressure[e] = -0.5 * (a + b);
  von_mises[e] = sqrt(0.75 * (a - b) * (a - b) + 3.0 * c * c);
  let centre = 0.25 * (u[node_of(level, i, j)] + u[node_of(level, i + 1u, j)]
    + u[node_of(level, i, j + 1u)] + u[node_of(level, i + 1u, j + 1u)]);
  displacement[e] = length(centre);
}
