// The default tumour shrunk to 48² cells of 50 µm, every physics on and metrics every step: a
// whole step of every stage in a fraction of a second, for tests of what a step does.
import { DEFAULT_SCENARIO_JSON } from '../../src/model/scenario.ts';

export const SMALL_TUMOUR_JSON = {
  ...DEFAULT_SCENARIO_JSON,
  parameters: {
    ...DEFAULT_SCENARIO_JSON.parameters,
    nx: 48, ny: 48, dxMicrons: 50, tumourRadiusMicrons: 500, stromaWidthMicrons: 200, metricsIntervalMinutes: 240,
  },
};
