// The lock of a report folder: `<root>/.<name>.lock`, created exclusively and holding the owner's
// pid, host and start time. A second run on the same folder is refused with the owner's pid; a lock
// whose process is gone (killed with -9) is stale and taken over. Within one process the locks held
// are remembered, so a lock left by this pid but no longer held (an earlier in-process run) is stale too.
import { hostname } from 'node:os';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from './errors.js';
import { processAlive } from './safe-path.js';

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly started: string;
}

const held = new Set<string>();
let exitHook = false;

export class ReportLock {
  private released = false;

  private constructor(readonly path: string) {}

  /** Takes the lock of report `name` under `root` (which must exist), or throws a UserError. */
  static acquire(root: string, name: string): ReportLock {
    const path = join(root, `.${name}.lock`);
    for (let attempt = 0; attempt < 3; attempt++) {
      if (tryCreate(path)) {
        held.add(path);
        ensureExitHook();
        return new ReportLock(path);
      }
      const owner = readOwner(path);
      if (owner !== null && isLive(owner, path)) {
        throw new UserError(join(root, name), null, `another run (process ${owner.pid} on ${owner.host}, ` +
          `started ${owner.started}) is writing this report; wait for it to finish or stop it`);
      }
      rmSync(path, { force: true });
    }
    throw new UserError(join(root, name), null, `cannot take the lock ${path}`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    held.delete(this.path);
    rmSync(this.path, { force: true });
  }
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    const owner: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
    writeSync(fd, JSON.stringify(owner) + '\n');
  } finally {
    closeSync(fd);
  }
  return true;
}

/** The owner recorded in a lock file, or null when it is unreadable (a torn write: stale). */
function readOwner(path: string): LockOwner | null {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    if (typeof v.pid !== 'number' || typeof v.host !== 'string' || typeof v.started !== 'string') return null;
    return { pid: v.pid, host: v.host, started: v.started };
  } catch {
    return null;
  }
}

/** A lock of another host cannot be checked and is respected; on this host its process must be alive. */
function isLive(owner: LockOwner, path: string): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return held.has(path);
  return processAlive(owner.pid);
}

function ensureExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.once('exit', () => {
    for (const path of held) rmSync(path, { force: true });
  });
}
