// Lets Node run the TypeScript sources directly: tsx compiles them, and `.wgsl?raw` imports
// resolve to the shader text as Vite gives it, so the CLI and the app share one source.
// Usage: node --import ./bin/register.mjs some-script.ts
import { register } from 'node:module';
import { register as registerTsx } from 'tsx/esm/api';

register('./raw-loader.mjs', import.meta.url);
registerTsx();
