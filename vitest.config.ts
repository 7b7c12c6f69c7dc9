import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        // Checks of the built app (out/): the preload bundle, the main-process wiring.
        // Its global setup builds first when out/ is missing or stale, so a fresh clone passes.
        extends: true,
        test: {
          name: 'built',
          include: ['test/built/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          globalSetup: ['test/built/global-setup.ts'],
          // npm start rebuilds out/ while the other files read it.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser and one host at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'server',
          include: ['test/server/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // A throw-away PostgreSQL cluster for the run (test/support/postgres.ts).
          globalSetup: ['test/support/postgres-global-setup.ts'],
          // After the other projects, not beside them: its server processes and cluster would
          // compete for the 2 cores with timing-sensitive e2e files (the crash test).
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
