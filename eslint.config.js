import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Lint, including the layer rules of DESIGN §2: what each folder may import is checked here, so a wrong
 * import fails `npm test` rather than a review.
 */
const otherLayers = (...layers) => layers.map((layer) => `**/${layer}/**`);

export default defineConfig(
  // resources/ holds icons and data; its scripts are code like any other.
  {
    ignores: ['out/**', 'node_modules/**', 'test-results/**', 'bench-results/**', 'resources/**/*', '!resources/*.ts'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'electron', 'react', 'react-dom', 'kysely', 'sqlite3'],
              message: 'shared/ is pure: no Node, DOM, React or store imports (DESIGN §2).',
            },
            // `#` starts a comment in gitignore-style groups, so subpath imports are matched by regex.
            { regex: '^#core/', message: 'shared/ imports only shared/.' },
            { group: otherLayers('electron', 'renderer', 'hub', 'test'), message: 'shared/ imports only shared/.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require'],
    },
  },
  {
    files: ['electron/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The core never imports electron (DESIGN §2, STYLE habit 3).' }],
          patterns: [
            { group: ['react', 'react-dom', '@mantine/*'], message: 'The core has no UI.' },
            {
              group: otherLayers('main', 'preload', 'host', 'renderer', 'hub'),
              message: 'The core imports only shared/.',
            },
          ],
        },
      ],
    },
  },
  // The shell and the hosts reach the core only through its entry (createCore and the contract), and the
  // hub only through hub/index.ts: a side door into a feature folder skips the checks the entry makes.
  {
    files: ['electron/main/**', 'electron/preload/**', 'electron/host/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // The core's store, session, sync engine and handler map are for tests: hosts call its entries.
          selector: "MemberExpression[object.name='core'][property.name=/^(store|session|sync|handlers)$/]",
          message: 'Hosts and the shell use the core through invoke() and its entries, not its parts.',
        },
      ],
    },
  },
  {
    files: ['electron/main/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^#core/(?!index\\.ts$)', message: 'Reach the core through #core/index.ts only (DESIGN §2).' },
            {
              group: otherLayers('host', 'preload', 'renderer', 'hub'),
              message: 'main imports electron, shared/ and the core entry.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // The preload runs beside the page: it knows the contract, never the core or the main process.
            { regex: '^#core/', message: 'The preload knows the contract (shared/) only.' },
            {
              group: otherLayers('core', 'main', 'host', 'renderer', 'hub'),
              message: 'The preload imports electron and shared/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/host/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The hosts run without Electron (browser mode, headless, the CLI).' }],
          patterns: [
            { regex: '^#core/(?!index\\.ts$)', message: 'Reach the core through #core/index.ts only (DESIGN §2).' },
            { regex: '^(\\.\\./)+hub/(?!index\\.ts$)', message: 'Reach the hub through hub/index.ts only.' },
            {
              group: otherLayers('main', 'preload', 'renderer'),
              message: 'Hosts import shared/, the core entry and the hub entry.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['hub/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The hub is a plain Node service.' }],
          patterns: [
            { group: ['#core/*', ...otherLayers('electron', 'renderer')], message: 'The hub imports only shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the desk only through window.desk.' }],
          patterns: [
            { group: ['node:*', 'sqlite3', 'kysely'], message: 'The renderer runs in a sandbox: no Node.' },
            { regex: '^#core/', message: 'The renderer reaches the core only through window.desk.' },
            { group: otherLayers('electron', 'hub'), message: 'The renderer imports only shared/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    ignores: ['renderer/src/api/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='window'][property.name='desk']",
          message: 'Only renderer/src/api/ touches window.desk (STYLE habit 11).',
        },
      ],
    },
  },
);
