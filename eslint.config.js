import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'native-models/generated/', 'test-output/', 'bench-output/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // CommonJS launchers (bin/) are plain Node scripts by design.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The engine runs in plain Node (CLI, tests, utility process): it must never depend on Electron or React.
    files: ['electron/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'electron/engine must stay Electron-free; inject what you need.' },
            { name: 'react', message: 'electron/engine must not import React.' },
            { name: 'react-dom', message: 'electron/engine must not import React.' },
          ],
          patterns: [
            { group: ['electron/*', 'react/*', 'react-dom/*'], message: 'electron/engine must stay Electron- and React-free.' },
            { group: ['**/main/**', '**/preload/**', '**/renderer/**'], message: 'The engine only looks down: no imports from the app shell.' },
          ],
        },
      ],
    },
  },
);
