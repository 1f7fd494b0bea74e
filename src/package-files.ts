// The files the package ships beside its code: generator configs, executor configs, their scenarios
// and the schemas, found relative to the installed package (never to the current folder), and the
// package's version. `import { shippedGeneratorConfig } from 'twins-diembft'` works in any project.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseGeneratorConfig } from './gen/parse-config.js';
import type { GeneratorConfig } from './gen/config.js';
import { UserError } from './scenario/errors.js';

import { PACKAGE_ROOT } from './package-root.js';

export { PACKAGE_ROOT, VERSION } from './package-root.js';

export type ShippedFolder = 'generator-configs' | 'executor-configs' | 'scenarios' | 'schemas';

/** The absolute path of a shipped file, e.g. shippedPath('executor-configs', 'small_quorum.json'). */
export function shippedPath(folder: ShippedFolder, file: string): string {
  return join(PACKAGE_ROOT, folder, file);
}

/** A shipped generator config by name (`all_random`, `fuzz_commit`, ...), parsed and checked. */
export function shippedGeneratorConfig(name: string): GeneratorConfig {
  const file = shippedPath('generator-configs', `${name}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    const names = readdirSync(join(PACKAGE_ROOT, 'generator-configs')).filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length));
    throw new UserError(file, null, `no shipped generator config named '${name}'; shipped: ${names.join(', ')}`);
  }
  return parseGeneratorConfig(text, `${name}.json`);
}
