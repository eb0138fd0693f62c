// A count of the GPU objects a device has made and of those still alive: buffers (and their
// bytes), textures, query sets, bind groups, pipelines, shader modules. A long run that leaks
// shows here as a count that keeps rising. Buffers, textures and query sets die when destroyed;
// every kind also dies when the garbage collector takes its JS object (a FinalizationRegistry
// sees that, so "live" is exact only after a collection and a turn of the event loop).

export type CensusKind = 'buffers' | 'textures' | 'querySets' | 'bindGroups' | 'pipelines' | 'shaderModules';

export const CENSUS_KINDS: readonly CensusKind[] = ['buffers', 'textures', 'querySets', 'bindGroups', 'pipelines', 'shaderModules'];

export type CensusCounts = Record<CensusKind, number> & { bufferBytes: number };

export interface GpuCensus {
  /** Objects alive now (made and neither destroyed nor collected). */
  live(): CensusCounts;
  /** Objects made since the census began. */
  made(): CensusCounts;
}

const CREATORS: Record<string, CensusKind> = {
  createBuffer: 'buffers',
  createTexture: 'textures',
  createQuerySet: 'querySets',
  createBindGroup: 'bindGroups',
  createComputePipeline: 'pipelines',
  createRenderPipeline: 'pipelines',
  createComputePipelineAsync: 'pipelines',
  createRenderPipelineAsync: 'pipelines',
  createShaderModule: 'shaderModules',
};

const zero = (): CensusCounts => ({ buffers: 0, textures: 0, querySets: 0, bindGroups: 0, pipelines: 0, shaderModules: 0, bufferBytes: 0 });

type Method = (...args: unknown[]) => unknown;

/**
 * Counts from now on what `target` makes: a GPUDevice (Node, where the test or benchmark holds
 * the device before anything is built) or GPUDevice.prototype (a page, before the app starts).
 */
export function startGpuCensus(target: object): GpuCensus {
  const live = zero();
  const made = zero();
  // What is owed back when an object goes: its kind and, for a buffer, its bytes.
  const gone = new FinalizationRegistry<{ kind: CensusKind; bytes: number; state: { dead: boolean } }>(({ kind, bytes, state }) => {
    if (!state.dead) release(kind, bytes);
  });
  const release = (kind: CensusKind, bytes: number) => {
    live[kind]--;
    live.bufferBytes -= bytes;
  };
  const record = (kind: CensusKind, object: object, bytes: number) => {
    live[kind]++;
    made[kind]++;
    live.bufferBytes += bytes;
    made.bufferBytes += bytes;
    const state = { dead: false };
    gone.register(object, { kind, bytes, state });
    const destroy = (object as { destroy?: Method }).destroy;
    if (typeof destroy !== 'function') return;
    // Patched on the object itself: destroying twice counts once, and the original still runs.
    (object as { destroy: Method }).destroy = function (this: unknown, ...args: unknown[]) {
      if (!state.dead) {
        state.dead = true;
        release(kind, bytes);
      }
      return destroy.apply(this, args);
    };
  };
  const methods = target as Record<string, Method>;
  for (const [name, kind] of Object.entries(CREATORS)) {
    const original = methods[name];
    if (typeof original !== 'function') continue;
    methods[name] = function (this: unknown, ...args: unknown[]) {
      const result = original.apply(this, args);
      const bytes = kind === 'buffers' ? Number((args[0] as GPUBufferDescriptor).size) : 0;
      if (result instanceof Promise) return result.then((object: object) => (record(kind, object, bytes), object));
      record(kind, result as object, bytes);
      return result;
    };
  }
  return { live: () => ({ ...live }), made: () => ({ ...made }) };
}
