// Lint configuration.
// - The determinism bans (STYLE.md rule 1) apply to the code that must give the same trace hash on
//   every machine: src/kernel, src/protocols, src/services, src/sim, src/scenario's run options, src/gen
//   and src/exec.
// - The import direction (DESIGN §3, docs/architecture.md) is enforced per folder:
//   kernel <- protocols, services <- sim <- gen, exec <- cli. gen never imports exec. Outside
//   src/protocols a protocol is reached only through src/protocols/registry.ts, never by its folder.
import tseslint from 'typescript-eslint';

const determinismBans = {
  'no-restricted-globals': ['error',
    { name: 'setTimeout', message: 'Deterministic code has no timers; time is simulator ticks.' },
    { name: 'setInterval', message: 'Deterministic code has no timers; time is simulator ticks.' },
    { name: 'setImmediate', message: 'Deterministic code has no timers.' },
    { name: 'Date', message: 'Deterministic code never reads the clock.' },
    { name: 'performance', message: 'Deterministic code never reads the clock.' },
    { name: 'process', message: 'Only src/cli touches the process.' },
    { name: 'console', message: 'Only src/cli prints.' },
  ],
  'no-restricted-properties': ['error',
    { object: 'Math', property: 'random', message: 'Use a seeded stream from src/sim/rng.' },
  ],
  'no-restricted-syntax': ['error',
    { selector: 'FunctionDeclaration[async=true]', message: 'Deterministic code is synchronous.' },
    { selector: 'ArrowFunctionExpression[async=true]', message: 'Deterministic code is synchronous.' },
    { selector: 'FunctionExpression[async=true]', message: 'Deterministic code is synchronous.' },
    { selector: 'AwaitExpression', message: 'Deterministic code is synchronous.' },
    { selector: "NewExpression[callee.name='Promise']", message: 'Deterministic code is synchronous.' },
  ],
  'no-restricted-imports': ['error', { paths: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises',
    'worker_threads', 'node:worker_threads', 'child_process', 'node:child_process'] }],
};

/** Imports a folder may not make: each entry names a folder by a path pattern and says why. */
const layer = (why, ...folders) => folders.map((f) => ({ group: [`**/${f}/**`, `**/${f}/*`], message: why }));
const PROTOCOL_FOLDERS = { group: ['**/protocols/*/**'],
  message: 'A protocol is found through src/protocols/registry.ts, never imported by its folder (DESIGN §3).' };
const boundaries = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});
const ABOVE_KERNEL = layer('The kernel is the bottom layer: it imports only itself.',
  'protocols', 'services', 'sim', 'scenario', 'gen', 'exec', 'cli', 'net', 'fuzz');
const ABOVE_PROTOCOLS = layer('Protocols and services import only the kernel (and their own folder).',
  'services', 'sim', 'scenario', 'gen', 'exec', 'cli', 'net', 'fuzz');
const ABOVE_SIM = layer('sim and scenario sit below gen, exec and cli.', 'gen', 'exec', 'cli', 'net', 'fuzz');

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'reports/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/kernel/**/*.ts', 'src/protocols/**/*.ts', 'src/services/**/*.ts', 'src/sim/**/*.ts',
      'src/scenario/run-options.ts', 'src/gen/**/*.ts', 'src/exec/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: determinismBans,
  },
  { files: ['src/kernel/**/*.ts'], rules: boundaries(...ABOVE_KERNEL) },
  { files: ['src/protocols/*/**/*.ts', 'src/services/**/*.ts'], rules: boundaries(...ABOVE_PROTOCOLS) },
  { files: ['src/protocols/registry.ts'], rules: boundaries(...ABOVE_PROTOCOLS) },
  { files: ['src/sim/**/*.ts', 'src/scenario/**/*.ts'], rules: boundaries(PROTOCOL_FOLDERS, ...ABOVE_SIM) },
  { files: ['src/gen/**/*.ts'], rules: boundaries(PROTOCOL_FOLDERS,
    ...layer('gen never imports exec: the executor is handed scenarios, not the other way round.', 'exec'),
    ...layer('gen sits below cli.', 'cli', 'net')) },
  { files: ['src/exec/**/*.ts'], rules: boundaries(PROTOCOL_FOLDERS, ...layer('exec sits below cli.', 'cli', 'net')) },
  // src/net hosts replicas on real sockets and clocks (docs/network.md): like cli it may use them, and
  // like every host it reaches a protocol only through the registry.
  { files: ['src/net/**/*.ts'], rules: boundaries(PROTOCOL_FOLDERS, ...layer('net sits below cli.', 'cli')) },
  { files: ['src/cli/**/*.ts', 'src/index.ts'], rules: boundaries(PROTOCOL_FOLDERS) },
);
