// One multigrid level of a cell-centred grid, and its link to the next coarser level.
// bc_*: 0 Dirichlet, 1 Neumann, 2 periodic (west, east, south, north).
struct Level {
  nx: u32,
  ny: u32,
  cnx: u32,
  cny: u32,
  rx: u32,
  ry: u32,
  colour: u32,
  bc_w: u32,
  bc_e: u32,
  bc_s: u32,
  bc_n: u32,
}

const BC_DIRICHLET: u32 = 0u;
const BC_NEUMANN: u32 = 1u;
const BC_PERIODIC: u32 = 2u;

fn cell_index(i: u32, j: u32, nx: u32) -> u32 {
  return j * nx + i;
}

// The cell of an nx × ny grid that invocation gid of a one-cell-an-invocation kernel owns, or
// OFF_GRID where the dispatch, whole workgroups, runs past the grid's edge.
const OFF_GRID: u32 = 0xffffffffu;

fn owned_cell(gid: vec3<u32>, nx: u32, ny: u32) -> u32 {
  if (gid.x >= nx || gid.y >= ny) { return OFF_GRID; }
  return cell_index(gid.x, gid.y, nx);
}

// Index of neighbour (i+di, j+dj), wrapped on periodic sides; -1 when it lies outside the domain.
fn neighbour(L: Level, i: i32, j: i32, di: i32, dj: i32) -> i32 {
  var ni = i + di;
  var nj = j + dj;
  let nx = i32(L.nx);
  let ny = i32(L.ny);
  if (ni < 0) { if (L.bc_w == BC_PERIODIC) { ni = nx - 1; } else { return -1; } }
  if (ni >= nx) { if (L.bc_e == BC_PERIODIC) { ni = 0; } else { return -1; } }
  if (nj < 0) { if (L.bc_s == BC_PERIODIC) { nj = ny - 1; } else { return -1; } }
  if (nj >= ny) { if (L.bc_n == BC_PERIODIC) { nj = 0; } else { return -1; } }
  return nj * nx + ni;
}
