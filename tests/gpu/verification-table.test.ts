// The verification suite (docs/references.md, V1–V5) on this adapter: every threshold and order
// bound met, every case checked by something, and the committed table (docs/verification.json,
// docs/verification.md) still what the code produces.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { verificationRows } from '../../src/verify/suite.ts';
import { tableDifferences } from '../../src/verify/table-compare.ts';
import { checked, passes, type VerifyRow } from '../../src/verify/types.ts';
import { scoped, useGpu } from './fixture.ts';

const committed: VerifyRow[] = JSON.parse(readFileSync(new URL('../../docs/verification.json', import.meta.url), 'utf8')).rows;

describe('verification table', () => {
  const gpu = useGpu();
  let rows: VerifyRow[] = [];

  beforeAll(async () => {
    const g = gpu();
    // About 3 min on SwiftShader alone, more when the machine is shared.
    rows = await scoped(g, () => verificationRows(g, (line) => console.log(line)));
  }, 900_000);

  it('meets every threshold and order bound', () => {
    expect(rows.filter((r) => !passes(r))).toEqual([]);
  });

  it('checks every case by a threshold or an order bound on at least one row', () => {
    const cases = new Set(rows.map((r) => r.case));
    const unchecked = [...cases].filter((c) => !rows.some((r) => r.case === c && checked(r)));
    expect(unchecked).toEqual([]);
  });

  it('is the committed table: the same rows, bounds and verdicts, values within the stated tolerance', () => {
    // On a difference: `npm run verify -- --markdown docs/verification.md --json docs/verification.json`
    // writes the table anew; commit it with the change that moved it.
    expect(tableDifferences(committed, rows)).toEqual([]);
  });
});
