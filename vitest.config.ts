import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // onnxruntime-node and sharp reject typed arrays from another realm: vmThreads breaks them.
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The JSON report feeds .ci/run's closing 'N passed, N failed' line.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
