// One way to get a GPU: navigator.gpu in a browser, Dawn (the `webgpu` package) in Node.
// Errors the device raises outside an error scope, and device loss, go to `onError`/`onLost`
// (by default: printed to stderr); they are never swallowed.

export interface AdapterReport {
  vendor: string;
  architecture: string;
  description: string;
  device: string;
  isFallbackAdapter: boolean;
  backend: 'browser' | 'node-dawn';
}

export interface Gpu {
  device: GPUDevice;
  adapter: GPUAdapter;
  report: AdapterReport;
  hasTimestamps: boolean;
  /** Resolves with the loss info if the device is lost (destroy() included). */
  lost: Promise<GPUDeviceLostInfo>;
  destroy(): void;
}

export interface AcquireOptions {
  powerPreference?: GPUPowerPreference;
  onError?: (error: GPUError) => void;
  onLost?: (info: GPUDeviceLostInfo) => void;
  /** Ask for at most this storage binding size (to check a run fits a smaller adapter's limits). */
  maxStorageBindingBytes?: number;
}

export class NoGpuError extends Error {
  override name = 'NoGpuError';
}

const NODE_HELP = [
  'No WebGPU adapter was found in Node (Dawn).',
  'Without a hardware GPU, use the SwiftShader Vulkan driver that Debian\'s Chromium ships:',
  '  apt-get install chromium libvulkan1',
  '  export VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json',
  'With a GPU, install its Vulkan driver (e.g. mesa-vulkan-drivers or the NVIDIA driver) and libvulkan1.',
].join('\n');

const BROWSER_HELP = [
  'This browser exposes no WebGPU adapter.',
  'Use Chrome/Edge 113+ or Firefox 141+ (Windows), Safari 26+; on Linux start Chromium with',
  '--enable-unsafe-webgpu --enable-features=Vulkan, and serve the page from https or http://127.0.0.1.',
].join('\n');

function isNode(): boolean {
  return typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';
}

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

const ICD_DIRS = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];

async function nodeAdapter(powerPreference: GPUPowerPreference): Promise<GPUAdapter | null> {
  const { existsSync, readdirSync } = await import('node:fs');
  const installed = ICD_DIRS.some((dir) => existsSync(dir) && readdirSync(dir).some((f) => f.endsWith('.json')));
  // No Vulkan driver installed: use the software one that Chromium ships, if it is there.
  if (!process.env.VK_ICD_FILENAMES && !installed && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  const adapter = await (await nodeGpu()).requestAdapter({ powerPreference });
  if (adapter || process.env.VK_ICD_FILENAMES || !existsSync(SWIFTSHADER_ICD)) return adapter;
  // A driver is installed but offers no adapter (no device for it): fall back to software.
  process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  return (await nodeGpu()).requestAdapter({ powerPreference });
}

// Dawn frees an instance's event machinery when the GPU object is collected, while callbacks it
// scheduled may still run: every instance made here stays referenced for the process's life.
const nodeInstances: GPU[] = [];

async function nodeGpu(): Promise<GPU> {
  const moduleName = 'webgpu';
  const dawn = (await import(/* @vite-ignore */ moduleName)) as {
    create: (flags: string[]) => GPU;
    globals: Record<string, unknown>;
  };
  // Dawn's classes (GPUBufferUsage, GPUShaderStage, …) are the globals WebGPU code expects.
  for (const [name, value] of Object.entries(dawn.globals)) {
    if (!(name in globalThis)) (globalThis as Record<string, unknown>)[name] = value;
  }
  const gpu = dawn.create([]);
  nodeInstances.push(gpu);
  return gpu;
}

/** Limits worth asking for: everything the adapter offers for buffers and dispatch. */
function wantedLimits(adapter: GPUAdapter, maxStorageBindingBytes = Infinity): Record<string, number> {
  const l = adapter.limits;
  return {
    maxStorageBufferBindingSize: Math.min(l.maxStorageBufferBindingSize, maxStorageBindingBytes),
    maxBufferSize: Math.min(l.maxBufferSize, maxStorageBindingBytes),
    maxStorageBuffersPerShaderStage: l.maxStorageBuffersPerShaderStage,
    maxComputeWorkgroupStorageSize: l.maxComputeWorkgroupStorageSize,
    maxComputeInvocationsPerWorkgroup: l.maxComputeInvocationsPerWorkgroup,
  };
}

export async function acquireGpu(options: AcquireOptions = {}): Promise<Gpu> {
  const node = isNode();
  const powerPreference = options.powerPreference ?? 'high-performance';
  let adapter: GPUAdapter | null = null;
  if (node) adapter = await nodeAdapter(powerPreference);
  else if (typeof navigator !== 'undefined' && navigator.gpu) adapter = await navigator.gpu.requestAdapter({ powerPreference });
  if (!adapter) throw new NoGpuError(node ? NODE_HELP : BROWSER_HELP);

  const hasTimestamps = adapter.features.has('timestamp-query');
  const device = await adapter.requestDevice({
    label: 'confine',
    requiredFeatures: hasTimestamps ? ['timestamp-query'] : [],
    requiredLimits: wantedLimits(adapter, options.maxStorageBindingBytes),
  });

  const onError = options.onError ?? ((e: GPUError) => console.error(`[confine] uncaptured GPU error: ${e.message}`));
  device.addEventListener('uncapturederror', (event) => onError((event as GPUUncapturedErrorEvent).error));
  let destroyed = false;
  const lost = device.lost.then((info) => {
    if (!destroyed) {
      if (options.onLost) options.onLost(info);
      else console.error(`[confine] GPU device lost (${info.reason}): ${info.message}`);
    }
    return info;
  });

  const info = adapter.info;
  const report: AdapterReport = {
    vendor: info.vendor || 'unknown',
    architecture: info.architecture || 'unknown',
    description: info.description || '',
    device: info.device || '',
    isFallbackAdapter: (info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter ?? false,
    backend: node ? 'node-dawn' : 'browser',
  };

  return {
    device,
    adapter,
    report,
    hasTimestamps,
    lost,
    destroy() {
      destroyed = true;
      device.destroy();
    },
  };
}

export function describeAdapter(report: AdapterReport): string {
  const parts = [report.vendor, report.architecture, report.description || report.device].filter((s) => s && s !== 'unknown');
  return `${parts.join(' / ') || 'unknown adapter'}${report.isFallbackAdapter ? ' (fallback)' : ''} [${report.backend}]`;
}
