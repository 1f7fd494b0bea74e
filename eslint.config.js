// Lint configuration. The determinism bans (STYLE.md rule 1) apply to the code that must give the
// same trace hash on every machine: src/core, src/sim, src/gen and src/exec.
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
    files: ['src/core/**/*.ts', 'src/sim/**/*.ts', 'src/gen/**/*.ts', 'src/exec/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: determinismBans,
  },
);
