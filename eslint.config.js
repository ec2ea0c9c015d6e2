import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'coverage/', '.vite/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    // The simulation core runs anywhere: no DOM, no Node.
    files: ['src/core/**/*.ts', 'src/i18n/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'electron', 'svelte', 'svelte/*'] }],
    },
  },
  {
    // The drawings are pure Canvas 2D functions shared by the screen, the exports and the command line.
    files: ['src/draw/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'svelte'],
          patterns: ['electron/*', 'svelte/*', '*.svelte', '**/renderer/**', '**/main/**'],
        },
      ],
    },
  },
  {
    // The page reaches main only through the preload's bridge.
    files: ['src/renderer/**/*.ts', 'src/renderer/**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['electron'], patterns: ['electron/*', '**/main/**', '**/preload/**'] },
      ],
    },
  },
);
