// ESLint flat config: typescript-eslint's recommended rules for every source, test, story and
// script, and React's Rules of Hooks (with the React Compiler checks of eslint-plugin-react-hooks 7)
// where React code lives. packages/core and packages/models are framework-free (no React), where a
// callback named `use` is not a hook. `npm run lint`.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'storybook-static/**', 'public/**', 'bench/results/**', 'test-results/**', '.cache/**', '**/*.tgz'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 'latest',
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      // `_`-prefixed names are deliberately unused (rest destructuring that drops keys).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['packages/react/**/*.{ts,tsx}', 'stories/**/*.{ts,tsx}', 'tests/**/*.{ts,tsx}', 'bench/**/*.{ts,tsx}', 'examples/**/*.{ts,tsx,js,jsx}'],
    ignores: ['**/*.d.ts'],
    ...reactHooks.configs.flat.recommended,
  },
);
