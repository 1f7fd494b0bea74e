// A new project that installs the packed package, as a user's project would, without the network:
// `npm pack` the repository, then `npm ci --offline` in a temporary project whose lockfile pins the
// tarball and the package's runtime dependencies at the versions of the repository's lockfile. Those
// tarballs are in npm's cache, since `npm ci` in the repository fetched them, so nothing is
// downloaded. The repository's lockfile omits registry URLs (.npmrc: omit-lockfile-registry-resolved),
// and npm then looks a version up in the package's registry metadata, which is cached only in the
// form the last command that fetched it asked for (`npm install` and `npm ci` ask for different
// ones); so the derived lockfile names each tarball's URL, and npm takes the tarball from its cache
// by its integrity without any metadata.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../cli/run-cli.js';

export interface Run { readonly code: number; readonly stdout: string; readonly stderr: string }

export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync(command, args, {
    cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', npm_config_offline: 'true', ...env }, maxBuffer: 64 << 20,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: `${r.stderr}${r.error === undefined ? '' : String(r.error)}` };
}

function expectOk(what: string, r: Run): Run {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** Packs the repository (already built) into `dir`; returns the tarball's path. */
export function pack(dir: string): string {
  const r = expectOk('npm pack', run('npm', ['pack', '--ignore-scripts', '--pack-destination', dir, '--json'], ROOT));
  const [info] = JSON.parse(r.stdout) as { filename: string }[];
  return join(dir, info!.filename);
}

interface LockEntry { readonly dev?: boolean; readonly name?: string; readonly version?: string; readonly [key: string]: unknown }

/** The registry npm uses in the repository, ending in '/'. */
function registryUrl(): string {
  const url = expectOk('npm config get registry', run('npm', ['config', 'get', 'registry'], ROOT)).stdout.trim();
  return url.endsWith('/') ? url : `${url}/`;
}

/** The registry URL of the tarball of the lockfile entry at `path` (node_modules/a/node_modules/@s/b). */
export function tarballUrl(registry: string, path: string, entry: LockEntry): string {
  const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const base = name.slice(name.lastIndexOf('/') + 1);
  return `${registry}${name}/-/${base}-${String(entry.version)}.tgz`;
}
interface PackageJson { readonly version: string; readonly license: string; readonly dependencies: object; readonly bin: object; readonly engines: object }

/** Makes `dir` a project depending on the tarball and installs it offline. */
export function installInto(dir: string, tarball: string): void {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const spec = `file:${tarball}`;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, unknown> = {
    '': { name: 'consumer', dependencies: { 'twins-diembft': spec } },
    'node_modules/twins-diembft': {
      version: pkg.version, resolved: spec, integrity, license: pkg.license,
      dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines,
    },
  };
  const registry = registryUrl();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path !== '' && entry.dev !== true) packages[path] = { resolved: tarballUrl(registry, path, entry), ...entry };
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'consumer', private: true, type: 'module', dependencies: { 'twins-diembft': spec },
  }, null, 2));
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name: 'consumer', lockfileVersion: 3, requires: true, packages }, null, 2));
  expectOk('npm ci --offline', run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], dir));
}

/** The body of the ```ts block under `heading` in a markdown file of the repository. */
export function codeBlock(file: string, heading: string): string {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const at = text.indexOf(`\n${heading}\n`);
  const m = at < 0 ? null : /```ts\n([\s\S]*?)```/.exec(text.slice(at));
  if (m === null) throw new Error(`${file}: no \`\`\`ts block under '${heading}'`);
  return m[1]!;
}
