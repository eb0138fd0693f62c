import { describe, it, expect } from 'vitest';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toCsv } from '../../src/io/csv.ts';
import { appendJsonLine } from '../../src/io/jsonl-node.ts';
import { prepareOutputDir, writeFileAtomic } from '../../src/io/output-dir.ts';

describe('toCsv', () => {
  it('writes a header with units and full-precision values', () => {
    const csv = toCsv([
      { header: 'time [day]', values: [0, 0.5, 1] },
      { header: 'tumour area [mm²]', values: new Float32Array([0.1, 1 / 3, 2]) },
      { header: 'oxygen [mmHg]', values: [NaN, Infinity, 1e-9] },
    ]);
    expect(csv).toBe(
      'time [day],tumour area [mm²],oxygen [mmHg]\n0,0.1,NaN\n0.5,0.33333334,inf\n1,2,1e-9\n',
    );
  });

  it('quotes headers that need it and rejects ragged columns', () => {
    expect(toCsv([{ header: 'stress, xx [kPa]', values: [1] }, { header: 'say "hi"', values: [2] }])).toBe(
      '"stress, xx [kPa]","say ""hi"""\n1,2\n',
    );
    expect(() => toCsv([{ header: 'a', values: [1, 2] }, { header: 'b', values: [1] }])).toThrow(/'b' has 1 values, expected 2/);
    expect(toCsv([])).toBe('');
  });
});

describe('Node output helpers', () => {
  it('creates nested output folders, appends JSON lines and writes files atomically', async () => {
    const root = await mkdtemp(join(tmpdir(), 'confine-io-'));
    try {
      const dir = await prepareOutputDir(join(root, 'runs', 'a'));
      expect(await prepareOutputDir(dir)).toBe(dir);

      const log = join(dir, 'metrics.jsonl');
      await appendJsonLine(log, { step: 1, oxygen: 12.5 });
      await appendJsonLine(log, { step: 2, oxygen: NaN, note: 'line\nbreak' });
      const lines = (await readFile(log, 'utf8')).split('\n');
      expect(lines.length).toBe(3);
      expect(lines.slice(0, 2).map((l) => JSON.parse(l))).toEqual([
        { step: 1, oxygen: 12.5 },
        { step: 2, oxygen: null, note: 'line\nbreak' },
      ]);
      await expect(appendJsonLine(log, undefined)).rejects.toThrow(/cannot write undefined/);

      const target = join(dir, 'field.png');
      await writeFile(target, 'old');
      await writeFileAtomic(target, new Uint8Array([1, 2, 3]));
      expect([...(await readFile(target))]).toEqual([1, 2, 3]);
      await writeFileAtomic(join(dir, 'summary.txt'), 'done\n');
      expect(await readFile(join(dir, 'summary.txt'), 'utf8')).toBe('done\n');
      expect((await readdir(dir)).sort()).toEqual(['field.png', 'metrics.jsonl', 'summary.txt']);

      await expect(writeFileAtomic(join(dir, 'missing', 'x.bin'), 'x')).rejects.toThrow();
      expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
