import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests, and lab tests that need the real servers of e2e/lab.
// The lab project's global setup brings the lab up once per run (idempotent) and fails loudly
// in CI when it cannot; lab files run one at a time because they flip shared fault controls.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'e2e/**/*.test.ts'],
          exclude: ['**/*.lab.test.ts', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'lab',
          include: ['**/*.lab.test.ts'],
          exclude: ['node_modules/**'],
          globalSetup: ['e2e/lab/globalSetup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
