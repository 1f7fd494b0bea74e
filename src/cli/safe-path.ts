// Paths the tool writes. A name read from an input (a config's name, a shard summary's name) becomes
// one path component only after checkPathName; every write target is checked to resolve inside the
// folder it belongs to; folders are created one level at a time (Node's recursive mkdir loops forever
// on some pseudo file systems such as /proc); and a temporary file left by a killed process is found
// and removed by the next run.
import { mkdirSync, readdirSync, rmSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { UserError } from './errors.js';

/** Longest name used as a path component: room for the prefixes and suffixes added to it under NAME_MAX. */
export const MAX_NAME_LENGTH = 160;
const SAFE_NAME = /^(?!\.\.?$)[A-Za-z0-9_.-]+$/;

/** Throws a UserError naming `file` and `jsonPath` unless `name` is one safe path component. */
export function checkPathName(name: unknown, file: string | null, jsonPath: string | null): string {
  if (typeof name !== 'string' || !SAFE_NAME.test(name)) {
    const shown = typeof name === 'string' ? `'${name.slice(0, 40)}${name.length > 40 ? '...' : ''}'` : typeof name;
    throw new UserError(file, jsonPath, `must be usable as a directory name: letters, digits, '_', '.' and '-', not '.' or '..', got ${shown}`);
  }
  if (name.length > MAX_NAME_LENGTH) {
    throw new UserError(file, jsonPath, `is ${name.length} characters long; the most is ${MAX_NAME_LENGTH}`);
  }
  return name;
}

/** Throws unless `target` resolves strictly inside `root`; the last check before anything is written. */
export function assertInside(root: string, target: string): void {
  const r = resolve(root);
  const t = resolve(target);
  if (!t.startsWith(r.endsWith(sep) ? r : r + sep)) {
    throw new UserError(target, null, `refusing to write outside '${root}'`);
  }
}

/** Pseudo file systems that hold no user files. */
const PSEUDO_ROOTS = ['/proc', '/sys', '/dev'];

/**
 * Creates `dir` and its missing parents one level at a time; returns the folders it created, deepest
 * last, so a failed write can remove exactly those. Every problem is a UserError naming the path.
 */
export function makeDirs(dir: string): string[] {
  const full = resolve(dir);
  if (PSEUDO_ROOTS.some((p) => full === p || full.startsWith(p + sep))) {
    throw new UserError(dir, null, `cannot write under ${full.split(sep).slice(0, 2).join(sep)}: it is not a place for files`);
  }
  const missing: string[] = [];
  for (let d = full; ; d = dirname(d)) {
    const kind = kindOf(d);
    if (kind === 'dir') break;
    if (kind === 'other') throw new UserError(dir, null, `cannot create the folder: '${d}' exists and is not a folder`);
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  const created: string[] = [];
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && kindOf(d) === 'dir') continue;
      removeDirs(created);
      throw new UserError(dir, null, `cannot create the folder '${d}' (${code ?? String(err)})`);
    }
    created.push(d);
  }
  return created;
}

/** Removes folders made by makeDirs, deepest first, as long as they are empty. */
export function removeDirs(created: readonly string[]): void {
  for (const d of [...created].reverse()) {
    try {
      rmdirSync(d);
    } catch {
      return;
    }
  }
}

function kindOf(path: string): 'dir' | 'missing' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'other';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // ENOTDIR: a parent is a file; the walk up names it.
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'missing' : 'other';
  }
}

/** Removes a file or folder, ignoring every error: for clean-up paths, which must not hide the first error. */
export function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // The original failure is the one to report.
  }
}

/** The temporary file of `target` for this process: `<target>.tmp-<pid>`. */
export function tempPathOf(target: string): string {
  return `${target}.tmp-${process.pid}`;
}

/** Whether process `pid` is alive on this machine. */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes `<target>.tmp-<pid>` files beside `target` whose process is gone (a killed run's leftovers). */
export function removeStaleTemps(target: string): void {
  const prefix = `${basename(target)}.tmp-`;
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (/^[0-9]+$/.test(name.slice(prefix.length)) && pid !== process.pid && !processAlive(pid)) {
      removeQuietly(join(dirname(target), name));
    }
  }
}
