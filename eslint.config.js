// Lint = typescript-eslint + react-hooks + the import boundaries, one rule set per folder
// (ARCHITECTURE.md, "Folders and who may import whom").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const node = {
  group: [
    'node:*',
    'fs',
    'path',
    'http',
    'https',
    'crypto',
    'os',
    'child_process',
    'net',
    'url',
    'stream',
    'events',
  ],
  message: 'Node modules are not allowed here.',
};
const react = {
  group: ['react', 'react-dom', 'react-dom/*', '@tanstack/*', 'monaco-editor', 'monaco-editor/*'],
  message: 'UI libraries are not allowed here.',
};
const vscode = { group: ['vscode'], message: 'Only vscode-extension/ may import vscode.' };
const aws = { group: ['@aws-sdk/*'], message: 'Only src/service may use the AWS SDK.' };
const dir = (...names) => ({
  group: names.map((n) => `**/${n}/**`),
  message: `This folder must not import ${names.join(', ')}.`,
});
const tests = ['**/*.test.ts', '**/test/**'];
const testsOf = (folder) => [`${folder}/**/*.test.ts`, `${folder}/**/test/**`];
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'test-results',
      'playwright-report',
      'vscode-extension/dist',
      'vscode-extension/media',
      '.cache',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**'],
    rules: restrict(
      node,
      react,
      vscode,
      aws,
      dir('protocol', 'ui', 'service', 'server', 'emulator', 'cli'),
    ),
  },
  {
    files: ['src/protocol/**'],
    rules: restrict(node, react, vscode, aws, dir('ui', 'service', 'server', 'emulator', 'cli')),
  },
  {
    files: ['src/ui/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(node, vscode, aws, dir('service', 'server', 'emulator', 'cli')),
    },
  },
  // Tests may start the emulator: it is the stand-in for AWS that integration tests talk to over HTTP.
  {
    files: ['src/service/**'],
    ignores: tests,
    rules: restrict(react, vscode, dir('ui', 'server', 'emulator', 'cli')),
  },
  { files: testsOf('src/service'), rules: restrict(react, vscode, dir('ui', 'server', 'cli')) },
  {
    files: ['src/server/**'],
    ignores: tests,
    rules: restrict(react, vscode, aws, dir('ui', 'emulator', 'cli')),
  },
  // Server tests drive the browser transport (src/ui/transport) against the real server.
  { files: testsOf('src/server'), rules: restrict(react, vscode, dir('cli')) },
  // The emulator stands in for AWS: it shares nothing with the inspector, not even core.
  {
    files: ['src/emulator/**'],
    ignores: ['src/emulator/**/*.test.ts', 'src/emulator/test/**'],
    rules: restrict(react, vscode, aws, dir('core', 'protocol', 'ui', 'service', 'server', 'cli')),
  },
  {
    files: ['vscode-extension/src/**'],
    ignores: ['vscode-extension/src/emulatorLauncher.ts'],
    rules: restrict(react, dir('ui', 'server', 'emulator', 'cli')),
  },
  // The one file that starts the embedded emulator (as a separate HTTP service) when the backend is 'emulator'.
  {
    files: ['vscode-extension/src/emulatorLauncher.ts'],
    rules: restrict(react, dir('ui', 'server', 'cli')),
  },
  // Test-only code is a *.test.ts(x), a file under a test/ folder, or a helper named test<Name>.ts(x): no
  // production file imports one, so no bundle ships it (ARCHITECTURE.md, "Tests and benches"). The
  // typescript-eslint twin of the rule adds to each folder's no-restricted-imports instead of replacing it.
  {
    files: ['src/**', 'vscode-extension/src/**'],
    ignores: [...tests, '**/*.test.tsx', '**/test[A-Z]*'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/test/**', '**/test[A-Z]*'],
              caseSensitive: true,
              message: 'Test-only code; production files must not import it.',
            },
          ],
        },
      ],
    },
  },
);
