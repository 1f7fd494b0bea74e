// Setup: a fake apt-get on a PATH of temporary folders; it records its arguments and, on install,
//   puts an executable `chromium` in a bin folder of that PATH.
// Expect: with no Chromium, ensureChromium runs apt-get update then apt-get install of Debian's
//   chromium as root, says so on stderr and returns the installed binary; a Chromium already present
//   is used without apt-get; without root it installs nothing and names what to do; a CHROMIUM_PATH
//   that is not executable is an error, never installed over.
// Replay: npx tsc -p . && npx mocha dist/test/report/chromium.test.js
import { expect } from 'chai';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureChromium, findChromium } from './chromium.js';
import { tempDir } from '../temp-dir.js';

interface Machine { readonly env: NodeJS.ProcessEnv; readonly bin: string; readonly log: string }

/** A PATH of two temporary folders: a fake apt-get, and `bin`, where it installs a fake chromium. */
function machine(): Machine {
  const root = tempDir('twins-apt-');
  const bin = join(root, 'bin');
  const log = join(root, 'apt.log');
  const aptGet = `#!/bin/sh
PATH=/usr/bin:/bin
echo "$*" >> '${log}'
case "$*" in *" install "*)
  mkdir -p '${bin}'; printf '#!/bin/sh\\n' > '${bin}/chromium'; chmod +x '${bin}/chromium';;
esac
`;
  writeFileSync(join(root, 'apt-get'), aptGet);
  chmodSync(join(root, 'apt-get'), 0o755);
  return { env: { PATH: [bin, root].join(':') }, bin, log };
}

describe('browser test setup: obtaining Chromium', () => {
  it('installs Debian\'s chromium with apt-get when none is found, and says so on stderr', () => {
    const m = machine();
    expect(findChromium(m.env)).to.equal(null);
    const said: string[] = [];
    const path = ensureChromium({ env: m.env, isRoot: true, say: (l) => said.push(l) });
    expect(path).to.equal(join(m.bin, 'chromium'));
    const calls = readFileSync(m.log, 'utf8').trim().split('\n');
    expect(calls).to.have.length(2);
    expect(calls[0]).to.match(/ update( |$)/);
    expect(calls[1]).to.match(/ install -y .*\bchromium\b/);
    expect(said.join('\n')).to.contain('installing Debian\'s chromium package').and.to.contain(`installed ${path}`);
  });

  it('uses a Chromium already on the PATH without running apt-get', () => {
    const m = machine();
    ensureChromium({ env: m.env, isRoot: true, say: () => undefined });
    const said: string[] = [];
    expect(ensureChromium({ env: m.env, isRoot: true, say: (l) => said.push(l) })).to.equal(join(m.bin, 'chromium'));
    expect(readFileSync(m.log, 'utf8').trim().split('\n')).to.have.length(2);
    expect(said).to.deep.equal([]);
  });

  it('installs nothing without root and says what to do', () => {
    const m = machine();
    expect(() => ensureChromium({ env: m.env, isRoot: false, say: () => undefined }))
      .to.throw(/Chromium not found.*needs root.*apt-get install -y chromium.*CHROMIUM_PATH/);
    expect(existsSync(m.log)).to.equal(false);
  });

  it('treats a CHROMIUM_PATH that is not an executable as an error and installs nothing', () => {
    const m = machine();
    const env = { ...m.env, CHROMIUM_PATH: join(m.bin, 'no-such-chromium') };
    expect(() => ensureChromium({ env, isRoot: true, say: () => undefined })).to.throw(/CHROMIUM_PATH is .*no-such-chromium/);
    expect(existsSync(m.log)).to.equal(false);
  });
});
