import type { StorybookConfig } from '@storybook/react-vite';
import { mergeConfig } from 'vite';
import { aliases, prebundled } from '../vite.aliases.js';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  // public/ holds the self-hosted weights (public/models, made by `npm run models`) and the sample
  // videos and images (public/fixtures): stories load nothing from the internet.
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      resolve: { alias: aliases },
      optimizeDeps: { include: prebundled },
      // Relative asset URLs so the static build works served from any folder.
      base: './',
    }),
};

export default config;
