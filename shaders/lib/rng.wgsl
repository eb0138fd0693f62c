// Counter-based random numbers, the bit-exact twin of src/model/rng.ts: pcg4d (Jarzynski &
// Olano 2020) applied twice to (seed, id, counter, stream). u32 arithmetic wraps, as Math.imul
// and `>>> 0` do in the TypeScript twin, so both give the same bits on every adapter.

fn pcg4d(v_in: vec4<u32>) -> vec4<u32> {
  var v = v_in * 1664525u + 1013904223u;
  v.x += v.y * v.w;
  v.y += v.z * v.x;
  v.z += v.x * v.y;
  v.w += v.y * v.z;
  v = v ^ (v >> vec4<u32>(16u));
  v.x += v.y * v.w;
  v.y += v.z * v.x;
  v.z += v.x * v.y;
  v.w += v.y * v.z;
  return v;
}

fn hash4(seed: u32, id: u32, counter: u32, stream: u32) -> vec4<u32> {
  return pcg4d(pcg4d(vec4<u32>(seed, id, counter, stream)));
}

// Floats in [0, 1) from the top 24 bits: exact in f32, equal to unitFloat() in rng.ts.
fn uniform4(seed: u32, id: u32, counter: u32, stream: u32) -> vec4<f32> {
  return vec4<f32>(hash4(seed, id, counter, stream) >> vec4<u32>(8u)) * (1.0 / 16777216.0);
}
