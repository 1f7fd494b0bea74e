// `--bugs a,b`, the same on every command that takes it (exec, fuzz, replay, report): comma-separated
// bug names, each checked against the catalogue; an empty value means no bug.
import { UserError } from './errors.js';

export function parseBugList(text: string, known: readonly string[]): string[] {
  const bugs = text.split(',').map((b) => b.trim()).filter((b) => b !== '');
  for (const b of bugs) {
    if (!known.includes(b)) throw new UserError(null, '--bugs', `unknown bug '${b}'; known: ${known.join(', ')}`);
  }
  return bugs;
}
