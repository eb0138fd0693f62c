// The browser page in headless Chromium (SwiftShader WebGPU), served from 127.0.0.1: it loads
// without console errors, finds an adapter and advances the default scenario.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import puppeteer, { type Browser } from 'puppeteer';

const CHROMIUM_FLAGS = [
  '--no-sandbox', '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];

describe('browser page', () => {
  let server: ViteDevServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await createServer({ server: { host: '127.0.0.1', port: 0 }, logLevel: 'silent' });
    await server.listen();
    browser = await puppeteer.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs the default scenario and shows its oxygen field', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    const address = server.httpServer!.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('#clock')?.textContent !== 'day 0' && document.querySelector('#clock')?.textContent !== 'day 0.00', { timeout: 240_000 });
    const status = await page.$eval('#status', (e) => e.textContent ?? '');
    expect(status).toMatch(/^oxygen: [\d.]+ … [\d.]+ mmHg$/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
