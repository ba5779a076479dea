// Lint, including the layering rules: folders say where code may run (see STYLE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'src/shared and src/renderer are environment-neutral: no Node built-ins.' };
const electronOnlyInEntry = { name: 'electron', message: 'Only src/main/index.ts (the Electron entry) and src/preload may import electron.' };

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.native/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInEntry, { name: 'react', message: 'src/shared is pure.' }], patterns: [nodeBuiltins, { group: ['../main/*', '../renderer/*', '../preload/*'], message: 'src/shared depends on nothing else in src.' }] }],
    },
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/index.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInEntry], patterns: [{ group: ['**/renderer/**', '**/preload/**'], message: 'The engine does not depend on a front end.' }] }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInEntry], patterns: [nodeBuiltins, { group: ['**/main/**', '**/preload/**'], message: 'The renderer reaches the host only through the API client.' }] }],
    },
  },
);
