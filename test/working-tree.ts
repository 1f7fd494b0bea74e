// Tests never write into the working tree: every report, scenario file and regression file a test
// makes goes to a temporary folder (temp-dir.ts). Mocha loads this file first (.mocharc.json
// `require`); its root hooks list the files before the run and fail the run if any file outside
// the build, the dependencies and the source folders was added, changed or removed by it.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Folders whose contents a test run may change or that a person edits while tests run. */
export const UNWATCHED = new Set(['.git', 'node_modules', 'dist', 'src', 'test', 'bench', 'docs']);

/** Every file under `root` outside the unwatched top-level folders, with its size and mtime. */
export function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (dir === root && UNWATCHED.has(entry.name)) continue;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) {
        const s = statSync(path);
        files.set(relative(root, path), `${s.size}:${s.mtimeMs}`);
      }
    }
  };
  walk(root);
  return files;
}

/** The files added, changed or removed between two snapshots, as `added reports/x` lines. */
export function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [path, stamp] of after) {
    const was = before.get(path);
    if (was === undefined) out.push(`added ${path}`);
    else if (was !== stamp) out.push(`changed ${path}`);
  }
  for (const path of before.keys()) if (!after.has(path)) out.push(`removed ${path}`);
  return out.sort();
}

let before: Map<string, string> | null = null;

export const mochaHooks = {
  beforeAll(): void {
    before = snapshot(ROOT);
  },
  afterAll(): void {
    if (before === null) return;
    const changed = changes(before, snapshot(ROOT));
    if (changed.length > 0) {
      throw new Error(`the tests changed the working tree (write into a temporary folder instead):\n  ` +
        `${changed.slice(0, 20).join('\n  ')}${changed.length > 20 ? `\n  ... and ${changed.length - 20} more` : ''}`);
    }
  },
};
