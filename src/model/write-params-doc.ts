// Rewrites the generated parameter table in docs/scenario-format.md from the parameter table.
// Run: npx tsx src/model/write-params-doc.ts

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { spliceParamsTable } from './params-doc.ts';

const path = fileURLToPath(new URL('../../docs/scenario-format.md', import.meta.url));
writeFileSync(path, spliceParamsTable(readFileSync(path, 'utf8')));
console.log(`wrote the parameter table into ${path}`);
