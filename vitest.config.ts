import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        // Real ONNX Runtime sessions, worker processes and SQLite files: give them time and
        // don't run them in parallel on a 2-core machine, or they measure each other.
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], environment: 'node', testTimeout: 60_000, fileParallelism: false },
      },
    ],
  },
});
