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
  {
    // The studio's handlers and everything the browser bridge and the render worker load run in plain Node too: one
    // implementation serves IPC and the bridge, so Electron reaches them only through what the composition root injects.
    files: [
      'electron/main/handlers/**/*.ts', 'electron/main/studio-handlers.ts', 'electron/main/engine-facade.ts', 'electron/main/library-views.ts',
      'electron/main/studio-errors.ts', 'electron/main/media-path.ts', 'electron/main/file-response.ts', 'electron/main/content-security-policy.ts',
      'electron/bridge/**/*.ts', 'electron/worker/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'Studio handlers, the bridge and the worker must stay Electron-free; inject what you need from index.ts.', allowTypeImports: true }],
          patterns: [{ group: ['electron/*'], message: 'Studio handlers, the bridge and the worker must stay Electron-free.', allowTypeImports: true }],
        },
      ],
    },
  },
);
