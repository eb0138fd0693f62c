// The app in headless Chromium, served by Vite from 127.0.0.1 (a secure context, as WebGPU
// needs): what the end-to-end tests, the screenshots and the browser benchmark open pages in.
// Chromium comes from the system (chromium-path.ts); on a machine without a GPU it runs WebGPU
// on SwiftShader.
import { createServer, type ViteDevServer } from 'vite';
import puppeteer, { type Browser } from 'puppeteer';
import { chromiumPath } from './chromium-path.ts';

// SwiftShader for both WebGPU (Vulkan) and the compositor (ANGLE): with the compositor on its
// default GL path a WebGPU canvas's swap-chain image cannot be shared with it, and Chromium
// destroys the device at the first present. On a machine with a GPU, HEADLESS_GPU=1 leaves the
// choice of adapter to Chromium.
const SOFTWARE_FLAGS = ['--use-vulkan=swiftshader', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
export const CHROMIUM_FLAGS = [
  '--no-sandbox', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--enable-gpu', '--ignore-gpu-blocklist',
  ...(process.env.HEADLESS_GPU === '1' ? [] : SOFTWARE_FLAGS),
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

export interface AppServer {
  browser: Browser;
  url(query: string): string;
  close(): Promise<void>;
}

export async function startApp(): Promise<AppServer> {
  const server: ViteDevServer = await createServer({ server: { host: '127.0.0.1', port: 0 }, logLevel: 'silent' });
  await server.listen();
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS, protocolTimeout: 600_000,
  });
  const address = server.httpServer!.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    browser,
    url: (query) => `http://127.0.0.1:${port}/${query}`,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
