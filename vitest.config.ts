import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/hub/**', 'test/sync/**', 'test/intake-imap/**'],
          environment: 'node',
          // Several suites start real desk processes; on a busy two-core machine that takes its time.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // Everything that needs a real PostgreSQL: the hub, and workstations syncing through it.
          name: 'hub',
          include: ['test/hub/**/*.test.ts', 'test/sync/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/postgres-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // Mailboxes against a real Dovecot each file starts; the lease hand-over also needs a hub.
          name: 'imap',
          include: ['test/intake-imap/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/intake-imap/global-setup.ts', 'test/helpers/postgres-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts', 'test/helpers/postgres-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
