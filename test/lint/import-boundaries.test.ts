// The import direction (DESIGN §3, docs/architecture.md) is enforced by lint: kernel <- protocols,
// services <- sim, scenario <- gen, exec <- cli; gen never imports exec; a protocol's folder is reached
// only through src/protocols/registry.ts. Each case lints one line of code as if it lived in a folder.
import { expect } from 'chai';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

/** The restricted-import messages lint gives `code` placed at `file` (relative to the repository). */
async function importErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: ROOT + file });
  return (result?.messages ?? []).filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

const CASES: readonly [string, string, boolean][] = [
  ['src/kernel/x.ts', "import { World } from '../sim/world.js';", false],
  ['src/kernel/x.ts', "import { diembft } from '../protocols/diembft/module.js';", false],
  ['src/kernel/x.ts', "import type { Envelope } from './envelope.js';", true],
  ['src/protocols/diembft/x.ts', "import { World } from '../../sim/world.js';", false],
  ['src/protocols/diembft/x.ts', "import { runScenario } from '../../exec/run-scenario.js';", false],
  ['src/protocols/diembft/x.ts', "import type { Actor } from '../../kernel/actor.js';", true],
  ['src/services/noop/x.ts', "import { World } from '../../sim/world.js';", false],
  ['src/sim/x.ts', "import { runScenario } from '../exec/run-scenario.js';", false],
  ['src/sim/x.ts', "import { diembft } from '../protocols/diembft/module.js';", false],
  ['src/sim/x.ts', "import { protocolNamed } from '../protocols/registry.js';", true],
  ['src/gen/x.ts', "import { runScenario } from '../exec/run-scenario.js';", false],
  ['src/gen/x.ts', "import { thresholds } from '../protocols/diembft/bugs.js';", false],
  ['src/gen/x.ts', "import { World } from '../sim/world.js';", true],
  ['src/exec/x.ts', "import { main } from '../cli/main.js';", false],
  ['src/exec/oracles/x.ts', "import { diembft } from '../../protocols/diembft/module.js';", false],
  ['src/exec/x.ts', "import { castOf } from '../gen/identities.js';", true],
  ['src/cli/x.ts', "import { diembft } from '../protocols/diembft/module.js';", false],
  ['src/cli/x.ts', "import { runScenario } from '../exec/run-scenario.js';", true],
  ['src/net/x.ts', "import { diembft } from '../protocols/diembft/module.js';", false],
  ['src/net/x.ts', "import { main } from '../cli/main.js';", false],
  ['src/net/x.ts', "import { protocolNamed } from '../protocols/registry.js';", true],
  ['src/sim/x.ts', "import { NodeHost } from '../net/node-host.js';", false],
];

describe('lint: import boundaries', () => {
  for (const [file, code, allowed] of CASES) {
    it(`${allowed ? 'allows' : 'refuses'} in ${file}: ${code}`, async () => {
      const errors = await importErrors(file, `${code}\nexport {};\n`);
      expect(errors.length, errors.join('; ')).to.equal(allowed ? 0 : 1);
    });
  }
});
