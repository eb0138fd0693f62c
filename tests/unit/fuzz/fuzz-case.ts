// One generated input of a JSON format and what a correct reader must do with it.

/** What the reader must do: a valid input is accepted, a broken one refused; some mutations may go either way. */
export type Expectation = 'accept' | 'refuse' | 'either';

export interface JsonCase {
  readonly text: string;
  /** What was done to the valid input, shown when a case fails. */
  readonly mutation: string;
  readonly expect: Expectation;
  /**
   * What a refusal must name: for each problem put in, texts one of which some problem
   * contains (the path made invalid, its parent, or the unknown key).
   */
  readonly mentions: readonly (readonly string[])[];
}
