// After the cancer cells acted: each NK cell whose attack won counts the kill, spends one of
// its kills left and pauses for the refractory time.
// Bindings: params, nk_body, nk_tag, killer. Dispatch: linearGroups(nk count, WG).

@group(0) @binding(0) var<uniform> params: CellParams;
@group(0) @binding(1) var<storage, read_write> nk_body: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> nk_tag: array<vec4<u32>>;
@group(0) @binding(3) var<storage, read> killer: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = agent_index(gid, nwg);
  if (i >= params.nk_count) { return; }
  var t = nk_tag[i];
  if (t.w != 0u && killer[t.w - 1u] == i + 1u) {
    t.y -= 1u;
    t.z += 1u;
    nk_body[i].w = params.nk_refractory;
  }
  t.w = 0u;
  nk_tag[i] = t;
}
