// Stryker's build command, run in the sandbox (the working directory): link the project's
// node_modules into it, then compile the instrumented sources with tsconfig.mutate.json. The sandbox
// may live outside the project (`--temp-dir`), where no parent folder holds node_modules, so the link
// comes before the build (Stryker's own link comes after it).
import { spawnSync } from 'node:child_process';
import { existsSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
if (!existsSync('node_modules')) symlinkSync(join(ROOT, 'node_modules'), 'node_modules', 'junction');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.mutate.json'], { stdio: 'inherit' });
process.exitCode = r.status ?? 1;
