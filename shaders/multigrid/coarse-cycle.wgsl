// The coarse end of the V-cycle in one dispatch: one workgroup runs, in order, the program of
// steps the CPU wrote (src/solvers/coarse-cycle.ts): the red-black sweeps, residuals,
// restrictions and prolongations of every level from the first at most 32 cells a side down,
// and the coarsest level's sweeps, with a storage barrier after each step. Each step does its
// own kernel's arithmetic with the same functions (stencil, restriction, prolongation.wgsl), in
// one dispatch instead of 15 a level; the levels' vectors lie one after another in shared
// buffers, at their offsets. The same kernel builds the levels' operators
// (rediscretisation.wgsl) from a program of COARSEN steps, once per assembly.
// Bindings: shapes, steps and offsets (lib/cycle-steps.wgsl), faces, cell, rhs, u, r. Dispatch: (1).
override WG_CYCLE: u32;

@group(0) @binding(0) var<storage, read> shapes: array<Level>;
@group(0) @binding(3) var<storage, read_write> faces: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> cell: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read_write> rhs: array<f32>;
@group(0) @binding(6) var<storage, read_write> u: array<f32>;
@group(0) @binding(7) var<storage, read_write> r: array<f32>;

var<private> cell_base: u32;

fn u_value(c: u32) -> f32 {
  return u[cell_base + c];
}

fn face_values(c: u32) -> vec4<f32> {
  return faces[cell_base + c];
}

fn residual_value(c: u32) -> f32 {
  return r[c];
}

fn coarse_value(C: u32) -> f32 {
  return u[C];
}

fn fine_faces(c: u32) -> vec4<f32> {
  return faces[c];
}

fn fine_cell(c: u32) -> vec2<f32> {
  return cell[c];
}

@compute @workgroup_size(WG_CYCLE)
fn main(@builtin(local_invocation_index) lid: u32) {
  for (var s = 0u; s < arrayLength(&steps); s++) {
    let step = steps[s];
    var L = shapes[step.y];
    L.colour = step.z;
    let b = offsets[step.y].x;
    let next = offsets[step.y].z;
    cell_base = b;
    switch step.x {
      case SMOOTH: {
        let half = (L.nx + 1u) / 2u;
        for (var k = lid; k < half * L.ny; k += WG_CYCLE) {
          let j = k / half;
          let i = 2u * (k % half) + ((j + L.colour) & 1u);
          if (i >= L.nx) { continue; }
          let c = cell_index(i, j, L.nx);
          let ac = cell[b + c];
          if (ac.y != 0.0) { continue; }
          let x = relaxed(L, i, j, c, ac.x, rhs[b + c]);
          if (x.y != 0.0) { u[b + c] = x.x; }
        }
      }
      case RESIDUAL: {
        for (var c = lid; c < L.nx * L.ny; c += WG_CYCLE) {
          r[b + c] = residual_at(L, c % L.nx, c / L.nx, c, cell[b + c], rhs[b + c], u[b + c]);
        }
      }
      case RESTRICT: {
        for (var C = lid; C < L.cnx * L.cny; C += WG_CYCLE) {
          rhs[next + C] = restricted(L, C % L.cnx, C / L.cnx, b);
          u[next + C] = 0.0;
        }
      }
      case PROLONG: {
        for (var c = lid; c < L.nx * L.ny; c += WG_CYCLE) {
          if (cell[b + c].y != 0.0) { continue; }
          u[b + c] += prolonged(L, c % L.nx, c / L.nx, next);
        }
      }
      case COARSEN: {
        for (var C = lid; C < L.cnx * L.cny; C += WG_CYCLE) {
          let coarse = coarse_cell_of(L, C % L.cnx, C / L.cnx, b);
          faces[next + C] = coarse.faces;
          cell[next + C] = coarse.cell;
        }
      }
      default: {}
    }
    storageBarrier();
  }
}
