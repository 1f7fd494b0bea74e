// A simulator configuration problem (n < 1, an unknown bug, a replica outside the identity range,
// an unknown replica in a partition): thrown before the run starts, with a clear message, never a
// crash deep inside a run.
export class SimConfigError extends Error {
  constructor(readonly field: string, detail: string) {
    super(`${field}: ${detail}`);
    this.name = 'SimConfigError';
  }
}
