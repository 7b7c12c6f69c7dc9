import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// ARCHITECTURE.md rule 1: only src-main/electron/ and src-main/preload/ touch electron, and the
// layers below (services, CLI, host) may not reach into src-main/electron/ for it either.
const electronOnly = { name: 'electron', message: 'Only src-main/electron/ and src-main/preload/ may import electron (ARCHITECTURE.md, rule 1).' };
const electronPatterns = [
  { group: ['electron/*'], message: 'Only src-main/electron/ and src-main/preload/ may import electron.' },
  { group: ['**/electron/*', '**/src-main/electron', '!electron/*'], message: 'Services, the CLI and the host may not import src-main/electron/ (ARCHITECTURE.md, rule 1).' },
];
const noElectron = {
  'no-restricted-imports': ['error', { paths: [electronOnly], patterns: electronPatterns }],
};

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'util', 'stream', 'url', 'worker_threads'];

export default tseslint.config(
  { ignores: ['.scratch/**', 'out/**', 'dist/**', 'node_modules/**', '.tsbuild/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Layers, enforced rather than hoped for: electron stays in its two folders.
  {
    files: ['src-main/services/**', 'src-main/host/**', 'src-main/cli.ts', 'src-main/cli/**', 'src-renderer/**', 'test/**'],
    rules: noElectron,
  },
  // src-shared runs in the renderer too: no Node, no electron.
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src-shared is pure TypeScript: no electron.' }],
          patterns: [{ group: nodeBuiltins, message: 'src-shared is pure TypeScript: no Node APIs.' }],
        },
      ],
    },
  },
  // The central server shares only src-shared with the app (ARCHITECTURE.md, layout).
  {
    files: ['src-server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'src-server never imports electron.' }],
          patterns: [{ group: ['**/src-main/**', '**/src-renderer/**'], message: 'src-server shares only src-shared with the app.' }],
        },
      ],
    },
  },
  {
    files: ['test/support/**/*.mjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', queueMicrotask: 'readonly' },
    },
  },
  {
    files: ['bin/**/*.js', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
