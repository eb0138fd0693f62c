// Smoothing of one V-cycle level in few dispatches. Each workgroup owns a tile of 16×16 nodes,
// loads it with a one-node halo, and the elements around it, into workgroup memory, and runs
// point-block Gauss–Seidel sweeps of its nodes there (the four colours in turn, a barrier
// between them) with the halo held at its loaded values. The tiles form a checkerboard: one
// dispatch smooths the tiles of one parity while the others pass their nodes through, the next
// dispatch the other parity, which sees the first one's results in its halo. That is block
// Gauss–Seidel between tiles; block Jacobi (every tile at once) over-corrects the modes that
// jump across tile edges and leaves CG three times as many iterations. Two dispatches replace the
// 4 × sweeps colour-by-colour dispatches over the whole level, which on a GPU cost more than the
// arithmetic they carry.
//   pre:  parity 0 then 1, colours 0,1,2,3 per sweep; the first starts from zero (ZERO_START), as
//         every level of a V-cycle does;
//   post: parity 1 then 0, colours 3,2,1,0 per sweep; the first adds the prolonged coarse
//         correction to everything it loads (CORRECT: bilinear, the transpose of restrict.wgsl; a
//         fine node takes the mean of the one, two or four coarse nodes around it).
// Each dispatch is x ← x + B_p (r − K x) on the tiles of parity p, and the backward sweeps make
// `post` apply the transposes in reverse order, so the V-cycle stays a symmetric preconditioner
// for conjugate gradients. Fixed nodes keep their value (zero from a zero start). A dispatch
// reads `start` and writes `u`, two buffers: a tile's halo is its neighbours' nodes.
// Bindings: level (this level; cnx, rx, ry name the next coarser one), lame, fixed, rhs,
// coarse_u (CORRECT only), start (not with ZERO_START), u. Unused slots take any read-only buffer.
// Dispatch: (⌈(nx+1)/16⌉, ⌈(ny+1)/16⌉), 8×8 invocations, each owning one node of each colour.
override PARITY: u32;
override BACKWARD: bool;
override ZERO_START: bool;
override CORRECT: bool;

const TILE: u32 = 16u;
const SIDE: u32 = 18u;   // nodes of tile and halo per row
const ESIDE: u32 = 17u;  // elements that touch a tile node, per row

@group(0) @binding(0) var<uniform> level: MechLevel;
@group(0) @binding(1) var<storage, read> lame: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> fixed: array<u32>;
@group(0) @binding(3) var<storage, read> rhs: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read> coarse_u: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read> start: array<vec2<f32>>;
@group(0) @binding(6) var<storage, read_write> u: array<vec2<f32>>;

var<workgroup> tile_u: array<vec2<f32>, 324>;    // SIDE²
var<workgroup> tile_lame: array<vec2<f32>, 289>; // ESIDE²
// Grid index of the tile's node (0, 0): the halo starts one before it.
var<private> origin: vec2<u32>;

fn node_value_at(L: MechLevel, i: u32, j: u32) -> vec2<f32> {
  return tile_u[(j + 1u - origin.y) * SIDE + (i + 1u - origin.x)];
}

fn element_lame_at(L: MechLevel, i: u32, j: u32) -> vec2<f32> {
  return tile_lame[(j + 1u - origin.y) * ESIDE + (i + 1u - origin.x)];
}

fn prolonged(i: u32, j: u32) -> vec2<f32> {
  let w = level.cnx + 1u;
  let I0 = i / level.rx;
  let I1 = (i + level.rx - 1u) / level.rx;
  let J0 = j / level.ry;
  let J1 = (j + level.ry - 1u) / level.ry;
  return 0.25 * (coarse_u[J0 * w + I0] + coarse_u[J0 * w + I1] + coarse_u[J1 * w + I0] + coarse_u[J1 * w + I1]);
}

// Tile and halo into workgroup memory: zero, or the start plus (CORRECT) the coarse correction.
// Off-grid entries are never read as values (operator.wgsl clamps, then masks them).
fn load(lid: u32) {
  for (var k = lid; k < SIDE * SIDE; k += 64u) {
    let i = origin.x + k % SIDE - 1u;
    let j = origin.y + k / SIDE - 1u;
    var v = vec2<f32>(0.0);
    if (!ZERO_START && i <= level.nx && j <= level.ny) {
      let n = node_of(level, i, j);
      v = start[n];
      if (CORRECT && fixed[n] == 0u) { v += prolonged(i, j); }
    }
    tile_u[k] = v;
  }
  for (var k = lid; k < ESIDE * ESIDE; k += 64u) {
    let i = origin.x + k % ESIDE - 1u;
    let j = origin.y + k / ESIDE - 1u;
    var v = vec2<f32>(0.0);
    if (i < level.nx && j < level.ny) { v = lame[element_of(level, i, j)]; }
    tile_lame[k] = v;
  }
}

// One colour's Gauss–Seidel step on this invocation's node of that colour.
fn relax(lid: vec2<u32>, colour: u32) {
  let i = origin.x + 2u * lid.x + (colour & 1u);
  let j = origin.y + 2u * lid.y + (colour >> 1u);
  if (i > level.nx || j > level.ny) { return; }
  let n = node_of(level, i, j);
  if (fixed[n] != 0u) { return; }
  let row = node_row(level, i, j);
  let t = (j + 1u - origin.y) * SIDE + (i + 1u - origin.x);
  tile_u[t] += inverse2(row.diag) * (rhs[n] - row.Ku);
}

fn store(lid: vec2<u32>) {
  for (var colour = 0u; colour < 4u; colour++) {
    let i = origin.x + 2u * lid.x + (colour & 1u);
    let j = origin.y + 2u * lid.y + (colour >> 1u);
    if (i > level.nx || j > level.ny) { continue; }
    u[node_of(level, i, j)] = tile_u[(j + 1u - origin.y) * SIDE + (i + 1u - origin.x)];
  }
}

@compute @workgroup_size(8, 8)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>, @builtin(local_invocation_index) index: u32) {
  origin = wg.xy * TILE;
  load(index);
  workgroupBarrier();
  // Uniform per workgroup: the tiles of the other parity pass their nodes through.
  let smoothing = ((wg.x + wg.y) & 1u) == PARITY;
  let sweeps = select(level.pre_sweeps, level.post_sweeps, BACKWARD);
  for (var sweep = 0u; sweep < select(0u, sweeps, smoothing); sweep++) {
    for (var colour = 0u; colour < 4u; colour++) {
      relax(lid.xy, select(colour, 3u - colour, BACKWARD));
      workgroupBarrier();
    }
  }
  store(lid.xy);
}
