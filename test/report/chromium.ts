// The Chromium that the browser test drives. `npm test` on a bare Debian machine must run that test,
// not skip it, so when no Chromium is found and the test runs as root with apt-get at hand, it
// installs Debian's `chromium` package (apt-get update, then apt-get install) and says so on stderr.
// CHROMIUM_PATH names a binary to use instead; it is never installed over.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Flags that let Chromium run headless as root in a container, with no network of its own. */
export const CHROMIUM_ARGS: readonly string[] = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const NAMES = ['chromium', 'chromium-browser'];

export interface ChromiumSetup {
  readonly env: NodeJS.ProcessEnv;
  /** Whether the process may install system packages (root). */
  readonly isRoot: boolean;
  /** Where progress and the install notice go. */
  readonly say: (line: string) => void;
}

function defaultSetup(): ChromiumSetup {
  return {
    env: process.env,
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    say: (line) => { process.stderr.write(`${line}\n`); },
  };
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first executable named `name` on the PATH of `env`, or null. */
export function onPath(name: string, env: NodeJS.ProcessEnv): string | null {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir !== '' && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** The Chromium to use without installing anything: CHROMIUM_PATH, else `chromium` on the PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const named = env['CHROMIUM_PATH'];
  if (named !== undefined && named !== '') return executable(named) ? named : null;
  for (const name of NAMES) {
    const found = onPath(name, env);
    if (found !== null) return found;
  }
  return null;
}

function aptGet(args: readonly string[], env: NodeJS.ProcessEnv): void {
  // DPkg::Lock::Timeout waits for another install on the same machine instead of failing at once.
  const r = spawnSync('apt-get', ['-o', 'DPkg::Lock::Timeout=600', ...args], {
    env: { ...env, DEBIAN_FRONTEND: 'noninteractive' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 900_000,
  });
  if (r.status !== 0) {
    const tail = `${r.stderr ?? ''}${r.error === undefined ? '' : String(r.error)}`.trim().split('\n').slice(-5).join('\n');
    throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.status ?? r.signal}):\n${tail}`);
  }
}

/**
 * The Chromium to drive. When none is found, installs Debian's `chromium` package with apt-get
 * (as root only) and returns the installed binary; otherwise throws a message saying what to do.
 */
export function ensureChromium(setup: ChromiumSetup = defaultSetup()): string {
  const found = findChromium(setup.env);
  if (found !== null) return found;
  const named = setup.env['CHROMIUM_PATH'];
  if (named !== undefined && named !== '') {
    throw new Error(`CHROMIUM_PATH is ${named}, which is not an executable file.`);
  }
  const manual = 'Install Debian\'s chromium package (apt-get install -y chromium) or set CHROMIUM_PATH.';
  if (!setup.isRoot || onPath('apt-get', setup.env) === null) {
    throw new Error(`Chromium not found on the PATH, and this process cannot install it (needs root and apt-get). ${manual}`);
  }
  setup.say('browser test: Chromium not found; installing Debian\'s chromium package ' +
    '(apt-get update && apt-get install -y chromium), which takes a minute or two...');
  aptGet(['update', '-qq'], setup.env);
  // Fonts so that text renders in screenshots; the rest of the recommended packages is not needed.
  aptGet(['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'fonts-liberation'], setup.env);
  const installed = findChromium(setup.env);
  if (installed === null) throw new Error(`apt-get installed chromium, yet no chromium is on the PATH. ${manual}`);
  setup.say(`browser test: installed ${installed}`);
  return installed;
}
