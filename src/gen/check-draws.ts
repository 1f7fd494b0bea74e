// The values fast-check's `check` draws for a seed, one by one, so that a search split across
// worker threads tries exactly the values a single-threaded `fc.check(fc.property(arbitrary, p),
// { seed })` tries, in the same order (DESIGN §8, §10).
//
// fast-check gives run i a random stream of its own, reached from the seed by i jumps, and a bias
// that depends on i. `fc.sample(arbitrary, { seed, path: String(i) })` draws run i's value, but it
// jumps from the seed again on every call, so drawing a long search in short pieces would cost time
// quadratic in its length. Instead a recorder arbitrary goes through fast-check's own sampling once
// per chunk of runs and keeps, for each run, the random stream and the bias fast-check handed it
// (a few numbers each); the scenario arbitrary then draws from them lazily, as the search needs them.
// test/fuzz/check-draws.test.ts checks the values against `fc.check`'s own, across chunk boundaries.
import fc from 'fast-check';

/** Runs whose random streams are recorded in one pass (about 9 MB); bounds the memory the recording takes. */
export const DRAW_CHUNK = 65_536;

/**
 * Yields the values `fc.check(fc.property(arbitrary, ...), { seed })` draws for runs `from`,
 * `from + 1`, ..., `count - 1` (fast-check's `path` counts runs the same way).
 */
export function* checkDraws<T>(arbitrary: fc.Arbitrary<T>, seed: number, count: number, from = 0,
  chunk = DRAW_CHUNK): Generator<T> {
  for (let start = from; start < count; start += chunk) {
    const recorder = new StreamRecorder();
    fc.sample(recorder, { seed, path: String(start), numRuns: Math.min(chunk, count - start) });
    for (const { mrng, biasFactor } of recorder.runs) yield arbitrary.generate(mrng, biasFactor).value;
  }
}

/** An arbitrary that draws nothing: it keeps the random stream and bias of every run it is asked for. */
class StreamRecorder extends fc.Arbitrary<null> {
  readonly runs: { readonly mrng: fc.Random; readonly biasFactor: number | undefined }[] = [];

  generate(mrng: fc.Random, biasFactor: number | undefined): fc.Value<null> {
    this.runs.push({ mrng: mrng.clone(), biasFactor });
    return new fc.Value(null, undefined);
  }

  canShrinkWithoutContext(_value: unknown): _value is null {
    return false;
  }

  shrink(_value: null, _context: unknown): fc.Stream<fc.Value<null>> {
    return fc.Stream.nil();
  }
}
