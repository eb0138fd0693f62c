// Bilinear (cell-centred) prolongation of the coarse correction: u_f += P e_c.
// Weights 3/4 and 1/4 along each coarsened axis; outside the domain the coarse correction is
// mirrored (Neumann), negated (Dirichlet: zero on the boundary face) or wrapped (periodic).
// Bindings: level (fine), cell (fine: fixed flag), coarse u, fine u. Dispatch: (nx/WG_X, ny/WG_Y).
override WG_X: u32 = 8u;
override WG_Y: u32 = 8u;

@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<storage, read> cell: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> coarse_u: array<f32>;
@group(0) @binding(3) var<storage, read_write> u: array<f32>;

// Coarse value at (I, J) where one of I, J may step one cell outside the coarse grid.
fn coarse_at(I: i32, J: i32, I0: i32, J0: i32) -> f32 {
  var ii = I;
  var jj = J;
  var sign = 1.0;
  let cnx = i32(level.cnx);
  let cny = i32(level.cny);
  if (ii < 0 || ii >= cnx) {
    let bc = select(level.bc_e, level.bc_w, ii < 0);
    if (bc == BC_PERIODIC) { ii = (ii + cnx) % cnx; } else { ii = I0; if (bc == BC_DIRICHLET) { sign = -sign; } }
  }
  if (jj < 0 || jj >= cny) {
    let bc = select(level.bc_n, level.bc_s, jj < 0);
    if (bc == BC_PERIODIC) { jj = (jj + cny) % cny; } else { jj = J0; if (bc == BC_DIRICHLET) { sign = -sign; } }
  }
  return sign * coarse_u[u32(jj * cnx + ii)];
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let j = gid.y;
  if (i >= level.nx || j >= level.ny) { return; }
  let c = cell_index(i, j, level.nx);
  if (cell[c].y != 0.0) { return; }
  let I = i32(i / level.rx);
  let J = i32(j / level.ry);
  var wx = 1.0;
  var sx = 0;
  if (level.rx == 2u) { wx = 0.75; sx = select(1, -1, (i & 1u) == 0u); }
  var wy = 1.0;
  var sy = 0;
  if (level.ry == 2u) { wy = 0.75; sy = select(1, -1, (j & 1u) == 0u); }
  var e = wx * wy * coarse_at(I, J, I, J);
  if (sx != 0) { e += (1.0 - wx) * wy * coarse_at(I + sx, J, I, J); }
  if (sy != 0) { e += wx * (1.0 - wy) * coarse_at(I, J + sy, I, J); }
  if (sx != 0 && sy != 0) { e += (1.0 - wx) * (1.0 - wy) * coarse_at(I + sx, J + sy, I, J); }
  u[c] += e;
}
