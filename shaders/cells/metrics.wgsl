// One metrics sample of the cancer cells, by group: how many in each compartment, how many
// tissue cells primed (I ≥ the primed level), Σ I in 1/256 (integers, so the sum is the same in any thread
// order), how many tissue cells sit below the hypoxia threshold; and over all tissue cells
// Σ SMAC effect in 1/1024 and how many ever squeezed.
// Bindings: params, body, tag, census, env, ledger. Dispatch: linearGroups(capacity, WG).

@group(0) @binding(0) var<uniform> params: CellParams;
@group(0) @binding(1) var<storage, read> body: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> tag: array<vec4<u32>>;
@group(0) @binding(3) var<storage, read> census: array<u32>;
@group(0) @binding(4) var<storage, read> env: array<vec4<f32>>;
@group(0) @binding(5) var<storage, read_write> ledger: array<atomic<u32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = agent_index(gid, nwg);
  if (i >= census[3]) { return; }
  let t = tag[i];
  let iap = body[2u * i + 1u].x;
  let base = SAMPLE + min(t.w, GROUPS - 1u) * PER_GROUP_SAMPLE;
  atomicAdd(&ledger[base + min(t.y, HELD)], 1u);
  atomicAdd(&ledger[base + 6u], u32(round(iap * 256.0)));
  if (t.y == TISSUE) {
    if (iap >= params.primed_iap) { atomicAdd(&ledger[base + 5u], 1u); }
    let here = sample_env(body[2u * i].xy, 0u);
    if (here.x < params.hypoxia_readout) { atomicAdd(&ledger[base + 7u], 1u); }
    atomicAdd(&ledger[GLOBAL], u32(round(smac_effect(params, here.y) * 1024.0)));
    if (t.z > 0u) { atomicAdd(&ledger[GLOBAL + 1u], 1u); }
  }
}
