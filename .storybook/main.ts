import type { StorybookConfig } from '@storybook/react-vite';
import { mergeConfig } from 'vite';
import remarkGfm from 'remark-gfm';
import { aliases, prebundled } from '../vite.aliases.js';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: [
    // GitHub-flavoured markdown (tables) in the MDX docs pages.
    { name: '@storybook/addon-docs', options: { mdxPluginOptions: { mdxCompileOptions: { remarkPlugins: [remarkGfm] } } } },
    '@storybook/addon-vitest',
  ],
  framework: { name: '@storybook/react-vite', options: {} },
  // public/ holds the self-hosted weights (public/models, made by `npm run models`) and the sample
  // videos and images (public/fixtures): stories load nothing from the internet.
  staticDirs: ['../public'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Full TypeScript types in the args tables: hook options that a component's props extend (for
  // example PoseView's usePose options) keep their JSDoc and @default. Only our own props are listed.
  typescript: {
    reactDocgen: 'react-docgen-typescript',
    reactDocgenTypescriptOptions: {
      shouldExtractLiteralValuesFromEnum: true,
      shouldRemoveUndefinedFromOptional: true,
      propFilter: (prop) => !prop.parent || !/node_modules/.test(prop.parent.fileName),
    },
  },
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      resolve: { alias: aliases },
      optimizeDeps: { include: prebundled },
      // Relative asset URLs so the static build works served from any folder.
      base: './',
    }),
};

export default config;
