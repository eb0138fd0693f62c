// Runs one format's fuzz: a fixed seed and run count, each input read once within a time
// bound, and one summary line per format (tried, accepted, refused) for the README's table.
import fc from 'fast-check';

export type Outcome = 'accepted' | 'refused';

/**
 * The longest one input may take to read: far beyond any real read (milliseconds), far short of
 * a hang. A read that never returns cannot be timed from the same thread; the test's own
 * timeout catches that.
 */
const CASE_LIMIT_MS = 2000;

export interface FuzzRun<Input> {
  /** Names the format in the summary line. */
  readonly format: string;
  readonly inputs: fc.Arbitrary<Input>;
  readonly seed: number;
  readonly numRuns: number;
  /** Reads one input and checks what came of it; throws when the reader did wrong. */
  readonly read: (input: Input) => Outcome | Promise<Outcome>;
}

export interface Tally {
  readonly tried: number;
  readonly accepted: number;
  readonly refused: number;
}

export async function fuzz<Input>(run: FuzzRun<Input>): Promise<Tally> {
  const tally = { tried: 0, accepted: 0, refused: 0 };
  const property = fc.asyncProperty(run.inputs, async (input) => {
    const start = performance.now();
    const outcome = await run.read(input);
    const ms = performance.now() - start;
    if (ms > CASE_LIMIT_MS) throw new Error(`reading the input took ${ms.toFixed(0)} ms (limit ${CASE_LIMIT_MS} ms)`);
    tally.tried++;
    tally[outcome]++;
  });
  await fc.assert(property, { seed: run.seed, numRuns: run.numRuns });
  // Reached only when every input was accepted or refused as it should be: none escaped.
  console.log(`fuzz ${run.format}: ${tally.tried} tried, ${tally.accepted} accepted, ${tally.refused} refused, 0 unhandled`);
  return tally;
}
