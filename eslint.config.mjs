// Lint keeps the process boundaries of ../shared/guide/architecture.md: the renderer never imports main,
// src-shared stays free of Node, Electron and ssh2, and only src-main/app/ touches Electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/promises',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'tls',
  'dgram',
  'stream',
  'events',
  'util',
  'url',
  'zlib',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'build/', 'dist/', '.cache/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }],
    },
  },
  {
    // Tool configs must default-export; the CommonJS bin stays loadable by any Node without a build step.
    files: ['*.config.mjs', '*.config.js', '*.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['bin/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: [
      'src-main/**/*.ts',
      'tests/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.mjs',
      'bin/**/*.js',
      '*.mjs',
      '*.js',
      '*.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/app/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Only src-main/app/ imports electron.' }],
          patterns: [{ group: ['**/src-renderer/**'], message: 'Main never imports the renderer.' }],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'ssh2', ...nodeBuiltins.filter((n) => !n.includes('*'))].map((name) => ({
            name,
            message: 'src-shared runs in every process: no Node, Electron or ssh2.',
          })),
          patterns: [
            { group: ['node:*'], message: 'src-shared runs in every process: no Node built-ins.' },
            { group: ['**/src-main/**', '**/src-renderer/**'], message: 'src-shared imports nothing outside itself.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: ['electron', 'ssh2', ...nodeBuiltins.filter((n) => !n.includes('*'))].map((name) => ({
            name,
            message: 'The renderer has no Node access.',
          })),
          patterns: [
            { group: ['node:*'], message: 'The renderer has no Node access.' },
            { group: ['**/src-main/**'], message: 'The renderer never imports main: go through the contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Tests run without an Electron binary; use Playwright _electron.' }] },
      ],
    },
  },
);
