// User-facing input errors (STYLE rule 5). A UserError is a problem with an input the user gave: it is
// printed as one line naming the file and the JSON path, and the process exits 2.

export class UserError extends Error {
  constructor(
    readonly file: string | null,
    readonly jsonPath: string | null,
    readonly detail: string,
  ) {
    super(formatUserError(file, jsonPath, detail));
    this.name = 'UserError';
  }
}

export function formatUserError(file: string | null, jsonPath: string | null, detail: string): string {
  const where = [file, jsonPath].filter((x) => x !== null && x !== '').join(': ');
  return where === '' ? detail : `${where}: ${detail}`;
}

export const EXIT = { ok: 0, safety: 1, badInput: 2, internal: 3, liveness: 4 } as const;
