import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['electron/**/*.test.ts', 'native-models/**/*.test.ts', 'scripts/**/*.test.ts', 'tests/**/*.test.ts', 'renderer/**/*.test.ts', 'e2e/**/*.test.ts'],
    exclude: ['node_modules/**', 'out/**', 'dist/**'],
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: true,
    maxWorkers: 2,
    // Says once, when ../shared/media (or MOUTHPIECE_MEDIA) is absent, that the tests needing it were skipped.
    // The CLI bundle the CLI, dub and batch tests run is rebuilt first, so they never run stale code.
    globalSetup: ['tests/helpers/report-missing-media.ts', 'tests/helpers/build-cli-bundle.ts'],
    // The JSON report is what .ci/run counts; the default reporter is what people read.
    reporters: ['default', ['json', { outputFile: 'test-output/vitest-report.json' }]],
  },
});
