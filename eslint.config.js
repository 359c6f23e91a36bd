import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'build/', 'coverage/', '.lokus-data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Each slice's domain (and the shared helpers) is pure: no Teams, no Cosmos, no I/O, nothing of
    // its slice's repository, listeners or views (STYLE.md habit 12).
    files: ['src/*/domain/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['botbuilder*', '@microsoft/*', '@azure/*', 'restify', 'pino', 'node:fs*', 'fs', 'node:http*', '**/store/**', '**/bot/**', '**/app/**', '../*.js', '../../*/*.js', '!../../shared/*.js'],
            message: 'A domain must stay pure: no framework, storage or I/O imports, and nothing of a slice outside its domain/.' },
        ],
      }],
    },
  },
  {
    // The teams-ai index also loads its AI planners, OpenAI client and tokenizers (≈ 0.75 s of cold
    // start, 30 MB): take values from their modules (lib/Application.js …); types from the index are free.
    files: ['src/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        paths: [{ name: '@microsoft/teams-ai', allowTypeImports: true,
          message: "Import values from '@microsoft/teams-ai/lib/<Module>.js' (the index loads the unused AI stack); types may come from the index." }],
      }],
    },
  },
  {
    // Tests read arbitrary JSON the bot sent (cards, activities).
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Plain browser scripts loaded into the card gallery page.
    files: ['scripts/gallery/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly', getComputedStyle: 'readonly' } },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
