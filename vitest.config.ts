import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { aliases, prebundled } from './vite.aliases.js';
import { chromiumPath, fakeCameraFlags, quietFlags } from './tests/setup/chromium.ts';

/** Real Debian Chromium, network-quiet, with the fixture video as the camera. */
const browser = {
  enabled: true,
  headless: true,
  screenshotFailures: false,
  provider: playwright({
    launchOptions: {
      executablePath: chromiumPath,
      args: [...quietFlags, ...fakeCameraFlags()],
    },
  }),
  instances: [{ browser: 'chromium' as const }],
};

export default defineConfig({
  plugins: [react()],
  resolve: { alias: aliases },
  publicDir: 'public',
  optimizeDeps: {
    include: [...prebundled, '@testing-library/react', '@testing-library/jest-dom/vitest', 'storybook/test'],
  },
  test: {
    reporters: ['default', './tests/setup/summaryReporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.{ts,tsx}'],
          // Fails a test on an unhandled rejection or a React warning (issue 8).
          setupFiles: ['tests/setup/browser-guards.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          browser,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 900_000,
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        test: {
          name: 'storybook',
          testTimeout: 180_000,
          fileParallelism: false,
          browser,
        },
      },
    ],
  },
});
