// Bandwidth probe: dst[i] = src[i], one vec4<f32> (16 B read, 16 B written) per invocation.
// The benchmark's measure of what the device can move, against which the smoother is judged.
// Bindings: src, dst (equal lengths). Dispatch: 1D folded into rows (kernel.ts linearGroups);
// the index is gid.x + gid.y·num_workgroups.x·WG.
override WG: u32;

@group(0) @binding(0) var<storage, read> src: array<vec4<f32>>;
@group(0) @binding(1) var<storage, read_write> dst: array<vec4<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let i = gid.x + gid.y * groups.x * WG;
  if (i >= arrayLength(&src)) { return; }
  dst[i] = src[i];
}
