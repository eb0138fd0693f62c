// Coarse-level operator from the fine one (rediscretisation.wgsl), one coarse cell an invocation.
// Bindings: level (fine), fine faces, fine cell, coarse faces, coarse cell. Dispatch: (cnx/WG_X, cny/WG_Y).
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<storage, read> faces: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> cell: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> coarse_faces: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> coarse_cell: array<vec2<f32>>;

fn fine_faces(c: u32) -> vec4<f32> {
  return faces[c];
}

fn fine_cell(c: u32) -> vec2<f32> {
  return cell[c];
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let C = owned_cell(gid, level.cnx, level.cny);
  if (C == OFF_GRID) { return; }
  let coarse = coarse_cell_of(level, gid.x, gid.y, 0u);
  coarse_faces[C] = coarse.faces;
  coarse_cell[C] = coarse.cell;
}
