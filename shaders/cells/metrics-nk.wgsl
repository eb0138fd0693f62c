// NK cells by kills made so far (0, 1, 2, 3, 4, 5 or more): the serial-killer distribution.
// Bindings: params, nk_tag, ledger. Dispatch: linearGroups(nk count, WG).

@group(0) @binding(0) var<uniform> params: CellParams;
@group(0) @binding(1) var<storage, read> nk_tag: array<vec4<u32>>;
@group(0) @binding(2) var<storage, read_write> ledger: array<atomic<u32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = agent_index(gid, nwg);
  if (i >= params.nk_count) { return; }
  atomicAdd(&ledger[GLOBAL + 2u + min(nk_tag[i].z, 5u)], 1u);
}
