// Exhaustiveness helper for switches over discriminated unions (STYLE rule 9).

/** Marks a branch the type checker proves impossible; reaching it at run time is a programmer error. */
export function unreachable(x: never): never {
  throw new Error(`unreachable: ${JSON.stringify(x)}`);
}
