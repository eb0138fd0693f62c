import { defineConfig } from 'vite';

export default defineConfig({
  server: { host: '127.0.0.1' },
  build: { target: 'es2022' },
  // Pre-bundled when the server starts: found later, they would make Vite reload the page,
  // which destroys the page's GPU device mid-run.
  optimizeDeps: { include: ['tweakpane', 'uplot', 'gl-matrix'] },
});
