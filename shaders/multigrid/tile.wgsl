// A tile of one level in workgroup memory, for the tiled V-cycle (tile-descend.wgsl,
// tile-ascend.wgsl): TILE × TILE cells a workgroup owns and a halo around them. Red-black
// Gauss–Seidel passes run on the tile with a region that shrinks by one cell a pass: a cell of
// the halo is relaxed from the same values as the workgroup that owns it relaxes it, so after
// p passes the tile holds, to a depth of halo − p, exactly what p level-wide dispatches would
// have left there. Several sweeps then cost one dispatch, not two per sweep.
// Tiles are read from one buffer and written to another: a workgroup never reads what another
// writes in the same dispatch.
const TILE: i32 = 32;
// Deep enough for 3 sweeps (6 passes) and a residual after them.
const HALO_MAX: i32 = 7;
const REGION_MAX: i32 = TILE + 2 * HALO_MAX;
// Invocations of the workgroup along x and y (src/gpu/workgroup.ts): they step through the tile.
override WG_X: u32;
override WG_Y: u32;

// passes: colour passes; colour: the first pass's colour (then alternating); halo: cells loaded
// around the tile.
struct TileParams {
  passes: u32,
  colour: u32,
  halo: u32,
}

// Bindings 0–5 of both kernels: level (with cnx, cny, rx, ry), tile params, the level's faces,
// cell and rhs, and the level's values the tile is loaded from.
@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<uniform> params: TileParams;
@group(0) @binding(2) var<storage, read> faces: array<vec4<f32>>;
@group(0) @binding(3) var<storage, read> cell: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read> rhs: array<f32>;
@group(0) @binding(5) var<storage, read> u: array<f32>;

var<workgroup> tile_u: array<f32, REGION_MAX * REGION_MAX>;
// The tile's first cell (level coordinates), the halo loaded and the region's side.
var<private> tile_origin: vec2<i32>;
var<private> tile_halo: i32;
var<private> tile_side: i32;

// Level coordinate x (possibly outside [0, n)) as a cell index along that axis, wrapped on a
// periodic side; -1 outside the domain.
fn tile_axis(x: i32, n: i32, bc_low: u32, bc_high: u32) -> i32 {
  if (x < 0) { if (bc_low == BC_PERIODIC) { return ((x % n) + n) % n; } return -1; }
  if (x >= n) { if (bc_high == BC_PERIODIC) { return x % n; } return -1; }
  return x;
}

fn tile_begin(group: vec3<u32>, halo: u32) {
  tile_origin = vec2<i32>(group.xy) * TILE;
  tile_halo = i32(halo);
  tile_side = TILE + 2 * tile_halo;
}

// Loads the region: the kernel's tile_load(i, j) at each position's level cell, 0 outside the
// domain (as the level-wide stencil reads there).
fn tile_fill(L: Level, lid: vec2<u32>) {
  for (var y = i32(lid.y); y < tile_side; y += i32(WG_Y)) {
    let j = tile_axis(tile_origin.y - tile_halo + y, i32(L.ny), L.bc_s, L.bc_n);
    for (var x = i32(lid.x); x < tile_side; x += i32(WG_X)) {
      let i = tile_axis(tile_origin.x - tile_halo + x, i32(L.nx), L.bc_w, L.bc_e);
      var v = 0.0;
      if (i >= 0 && j >= 0) { v = tile_load(u32(i), u32(j)); }
      tile_u[x + y * tile_side] = v;
    }
  }
}

// The tile's value at region position q offset by (dx, dy).
fn tile_at(q: i32, dx: i32, dy: i32) -> f32 {
  return tile_u[q + dx + dy * tile_side];
}

// (Σ T u_nb, Σ T) of the cell at region position q (stencil-terms.wgsl); positions outside the
// domain hold 0, as the level-wide stencil's neighbours there read.
fn tile_face_sum(q: i32, T: vec4<f32>) -> vec2<f32> {
  return face_sum(T, tile_at(q, -1, 0), tile_at(q, 1, 0), tile_at(q, 0, -1), tile_at(q, 0, 1));
}

// The red-black passes: pass k relaxes the cells of its colour within halo − 1 − k of the tile.
// A cell's colour is the parity of i + j, which a periodic wrap keeps: tiled levels have even
// periodic sides (Multigrid checks). Invocations step through the region in rows and columns (no
// integer division, which a CPU adapter does lane by lane). Call from uniform control flow with
// the whole region loaded.
fn tile_relax(L: Level, P: TileParams, lid: vec2<u32>) {
  for (var k = 0u; k < P.passes; k++) {
    workgroupBarrier();
    let depth = tile_halo - 1 - i32(k);
    let side = TILE + 2 * depth;
    let first = tile_halo - depth;
    let corner = tile_origin - vec2<i32>(depth);
    for (var y = i32(lid.y); y < side; y += i32(WG_Y)) {
      let j = tile_axis(corner.y + y, i32(L.ny), L.bc_s, L.bc_n);
      let shift = (corner.x + corner.y + y + i32(P.colour + k)) & 1;
      for (var x = 2 * i32(lid.x) + shift; x < side; x += 2 * i32(WG_X)) {
        let i = tile_axis(corner.x + x, i32(L.nx), L.bc_w, L.bc_e);
        if (i < 0 || j < 0) { continue; }
        let c = cell_index(u32(i), u32(j), L.nx);
        let ac = cell[c];
        if (ac.y != 0.0) { continue; }
        let q = (first + x) + (first + y) * tile_side;
        let v = relaxed_from(tile_face_sum(q, faces[c]), ac.x, rhs[c]);
        if (v.y != 0.0) { tile_u[q] = v.x; }
      }
    }
  }
  workgroupBarrier();
}

// Writes the tile's own cells (not its halo, nor positions past the level's edge, which wrap to
// another tile's cells on a periodic side) to the kernel's `tile_out`.
fn tile_store(L: Level, lid: vec2<u32>) {
  for (var y = i32(lid.y); y < TILE; y += i32(WG_Y)) {
    for (var x = i32(lid.x); x < TILE; x += i32(WG_X)) {
      let p = tile_origin + vec2<i32>(x, y);
      if (p.x >= i32(L.nx) || p.y >= i32(L.ny)) { continue; }
      tile_out[cell_index(u32(p.x), u32(p.y), L.nx)] = tile_u[(x + tile_halo) + (y + tile_halo) * tile_side];
    }
  }
}

// The tile loaded, its passes run and its own cells stored: what both ways through a level do.
fn tile_sweep(group: vec3<u32>, lid: vec2<u32>) {
  tile_begin(group, params.halo);
  tile_fill(level, lid);
  tile_relax(level, params, lid);
  tile_store(level, lid);
}
