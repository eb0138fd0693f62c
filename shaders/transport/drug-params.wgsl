// One solve's parameters, shared by drug-coefficients.wgsl and drug-exposure.wgsl (Δt in s).
struct DrugParams {
  cells: u32,
  diffusivity: f32,
  decay: f32,
  dt: f32,
  alpha: f32,
  beta: f32,
  gamma: f32,
  plasma: f32,
  // Which component of the vessel data is this drug's W (2: SMAC mimetic, 3: softening agent).
  slot: u32,
  extrapolate: f32,
}
