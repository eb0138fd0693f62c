// Cells onto the grid, deterministically: integer atomics commute, so the sums do not depend
// on thread order. contact[2c] = Σ cloud-in-cell weights of tissue cells in 1/65536 of a cell
// (8 bits a side, so the four weights sum to exactly 65536); contact[2c + 1] = 1 + the index of a
// tissue cell whose centre lies in grid cell c (0: none), the head of a list that link[i] = 1 +
// the next one's index (0: end) continues through every such cell. The order of a list is the
// threads', but the one reader (nk.wgsl) picks from a list by a hash of the cells, not by place.
// Bindings: params, body, tag, census, contact, link. Dispatch: linearGroups(capacity, WG).

@group(0) @binding(0) var<uniform> params: CellParams;
@group(0) @binding(1) var<storage, read> body: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> tag: array<vec4<u32>>;
@group(0) @binding(3) var<storage, read> census: array<u32>;
@group(0) @binding(4) var<storage, read_write> contact: array<atomic<u32>>;
@group(0) @binding(5) var<storage, read_write> link: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = agent_index(gid, nwg);
  if (i >= census[3] || tag[i].y != TISSUE) { return; }
  let p = body[2u * i].xy;
  let g = clamp(p / params.h - vec2<f32>(0.5), vec2<f32>(0.0), vec2<f32>(f32(params.nx - 1u), f32(params.ny - 1u)));
  let i0 = min(u32(g.x), params.nx - 1u);
  let j0 = min(u32(g.y), params.ny - 1u);
  let i1 = min(i0 + 1u, params.nx - 1u);
  let j1 = min(j0 + 1u, params.ny - 1u);
  let w1 = min(vec2<u32>((g - vec2<f32>(f32(i0), f32(j0))) * 256.0), vec2<u32>(256u));
  let w0 = vec2<u32>(256u) - w1;
  atomicAdd(&contact[2u * (j0 * params.nx + i0)], w0.x * w0.y);
  atomicAdd(&contact[2u * (j0 * params.nx + i1)], w1.x * w0.y);
  atomicAdd(&contact[2u * (j1 * params.nx + i0)], w0.x * w1.y);
  atomicAdd(&contact[2u * (j1 * params.nx + i1)], w1.x * w1.y);
  link[i] = atomicExchange(&contact[2u * cell_at(p) + 1u], i + 1u);
}
