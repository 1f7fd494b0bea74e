// Setup: the repository's package.json and package-lock.json.
// Expect: every runtime dependency the lockfile pins (everything not marked dev) accepts the oldest
//   Node version package.json's `engines` admits, so `npm ci` on that Node warns about none of them
//   and the installed package runs there.
// Replay: npx tsc -p . && npx mocha dist/test/package/engines.test.js
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../cli/run-cli.js';

interface Semver {
  minVersion(range: string): { version: string } | null;
  satisfies(version: string, range: string): boolean;
}
const semver = createRequire(import.meta.url)('semver') as Semver;

describe('the package\'s runtime dependencies and its engines', () => {
  it('every runtime dependency in the lockfile supports the oldest Node the package admits', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as
      { packages: Record<string, { dev?: boolean; version?: string; engines?: { node?: string } }> };
    const oldest = semver.minVersion(pkg.engines.node)!.version;
    expect(oldest).to.match(/^20\./);
    const runtime = Object.entries(lock.packages).filter(([path, e]) => path !== '' && e.dev !== true);
    expect(runtime.map(([path]) => path)).to.include.members(['node_modules/fastify', 'node_modules/@fastify/swagger']);
    const refusing = runtime.filter(([, e]) => e.engines?.node !== undefined && !semver.satisfies(oldest, e.engines.node))
      .map(([path, e]) => `${path}@${e.version ?? '?'} wants node ${e.engines!.node!}`);
    expect(refusing).to.deep.equal([]);
  });
});
