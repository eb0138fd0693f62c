// Whether an error message echoes its input back. A message may quote what it is about, so the
// check cannot simply forbid input text: it forbids any run of ECHO_WINDOW characters of the
// message that also occurs in the input, unless that run lies inside something a message
// must be free to quote whole:
//   - a name the file gives: an object key (the path to a problem is made of them), or a name
//     the format uses to identify a thing (a sweep arm's name, by which each run is named);
//   - the parser's own rendering of one value, describeValue, which shortens anything past 60
//     characters, so "kind = …" shows what was written without ever copying a file out.
// A run of the input outside those (the JSON parser's view of the text, a chunk of a PNG, a
// long string or a list of numbers quoted in full) is an echo.
import { describeValue, MAX_NESTING } from '../../../src/model/validation.ts';
import { isObject, type Json } from './json-tree.ts';

const ECHO_WINDOW = 40;

/** The first run of ECHO_WINDOW characters of `message` found in `input` and inside none of `quotable()`. */
export function echoedRun(message: string, input: string, quotable: () => readonly string[]): string | undefined {
  if (message.length < ECHO_WINDOW) return undefined;
  // Every run of the input, looked up once per run of the message: linear in both lengths.
  const runs = new Set<string>();
  for (let i = 0; i + ECHO_WINDOW <= input.length; i++) runs.add(input.slice(i, i + ECHO_WINDOW));
  let allowed: readonly string[] | undefined;
  for (let i = 0; i + ECHO_WINDOW <= message.length; i++) {
    const run = message.slice(i, i + ECHO_WINDOW);
    if (!runs.has(run)) continue;
    allowed ??= quotable();
    if (!allowed.some((text) => text.includes(run))) return run;
  }
  return undefined;
}

/**
 * What a message may quote of a JSON document: its keys, the names `namesOf` picks out of it,
 * and describeValue of each value down to the nesting limit (deeper ones are refused unread).
 */
export function quotableOfJson(text: string, namesOf: (root: Json) => readonly string[] = () => []): string[] {
  let root: Json;
  try {
    root = JSON.parse(text) as Json;
  } catch {
    return [];
  }
  const quotable = [...namesOf(root)];
  const stack: Array<{ value: Json; depth: number }> = [{ value: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop()!;
    const shown = describedIfAble(value);
    if (shown !== undefined) quotable.push(shown);
    if (depth >= MAX_NESTING) continue;
    if (Array.isArray(value)) for (const v of value) stack.push({ value: v, depth: depth + 1 });
    else if (isObject(value)) {
      for (const [key, v] of Object.entries(value)) {
        quotable.push(key);
        stack.push({ value: v, depth: depth + 1 });
      }
    }
  }
  return quotable;
}

/** describeValue, or undefined for a value nested too deep to render (the parser cannot quote it either). */
function describedIfAble(value: Json): string | undefined {
  try {
    return describeValue(value);
  } catch {
    return undefined;
  }
}
