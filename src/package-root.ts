// Where the installed package lives and its version: what the command line needs before it loads
// any command (kept apart from package-files.ts, which loads the config parser).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder (the one holding package.json); this module is dist/src/package-root.js. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The version in the package's package.json. */
export const VERSION: string = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
