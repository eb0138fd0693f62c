// The page a browser without WebGPU gets: what is missing and how to turn it on, instead of a
// blank canvas.
export type MissingWebGpu = 'insecure' | 'no-api' | 'no-adapter';

export function missingWebGpu(): MissingWebGpu | null {
  if (!window.isSecureContext) return 'insecure';
  if (!('gpu' in navigator) || !navigator.gpu) return 'no-api';
  return null;
}

const WHY: Record<MissingWebGpu, string> = {
  insecure: 'This page was not opened from a secure context (https:// or http://localhost / http://127.0.0.1), and browsers only offer WebGPU to secure pages.',
  'no-api': 'This browser does not offer WebGPU (navigator.gpu is missing).',
  'no-adapter': 'This browser has WebGPU, but it found no usable GPU adapter (the GPU may be blocklisted, or WebGPU is disabled on this system).',
};

const HOW = [
  'Chrome or Edge 113 or newer on Windows, macOS and ChromeOS; Chrome 121 or newer on Android (Android 12+).',
  'Chrome on Linux: open chrome://flags, enable "Unsafe WebGPU Support" (#enable-unsafe-webgpu) and "Vulkan" (#enable-vulkan), then relaunch; or start it with --enable-unsafe-webgpu --enable-features=Vulkan.',
  'Firefox 141 or newer on Windows; on other systems set dom.webgpu.enabled to true in about:config, or use Firefox Nightly.',
  'Safari 26 or newer (macOS 26, iOS and iPadOS 26); on older Safari, enable WebGPU under Develop › Feature Flags.',
  'A blocklisted GPU: in Chrome, chrome://gpu says why; #enable-unsafe-webgpu and #ignore-gpu-blocklist override it.',
  'Headless or no GPU at all: Chromium with --enable-unsafe-webgpu uses its SwiftShader software adapter (slow, but it runs).',
  'Without a browser: the command line runs every scenario in Node (npm run confine -- run default).',
];

export function showNoWebGpu(root: HTMLElement, missing: MissingWebGpu, detail = ''): void {
  root.replaceChildren();
  const box = document.createElement('section');
  box.id = 'no-webgpu';
  const h = document.createElement('h2');
  h.textContent = 'confine needs WebGPU';
  const why = document.createElement('p');
  why.textContent = WHY[missing] + (detail ? ` (${detail})` : '');
  const list = document.createElement('ul');
  for (const line of HOW) {
    const li = document.createElement('li');
    li.textContent = line;
    list.append(li);
  }
  box.append(h, why, Object.assign(document.createElement('p'), { textContent: 'To run confine:' }), list);
  root.append(box);
}
