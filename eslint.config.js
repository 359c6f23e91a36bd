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
    // A dependency's own files (…/lib/…) are its private business: production code takes what a
    // package exports. Only the embedded Cosmos server (src/store/embedded/) reaches into its package.
    files: ['src/**/*.ts'],
    ignores: ['src/store/embedded/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['@*/*/lib/*', '@*/*/lib/**', '*/lib/*', '*/lib/**', '!./**', '!../**'], message: "Import what the package exports, not its private files (…/lib/…)." }],
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
