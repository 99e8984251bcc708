import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin, UserConfig } from 'vite';

const root = import.meta.dirname;

/**
 * The development server injects React Refresh's preamble as an inline script, which the page's own policy
 * (a meta tag in renderer/index.html) forbids: in development that tag is left out and the window's header
 * policy, which allows the preamble there only, stands alone. Builds keep it.
 */
const metaPolicyInBuildsOnly: Plugin = {
  name: 'desk-meta-policy-in-builds-only',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/\s*<meta\s+http-equiv="Content-Security-Policy"[^>]*>/, ''),
};

/**
 * The renderer's build, shared by the desktop app (through electron-vite) and the browser-mode host (which
 * builds it with Vite directly when `out/renderer` is missing or older than the sources).
 */
export const rendererConfig: UserConfig = {
  root: path.join(root, 'renderer'),
  base: './',
  plugins: [react(), metaPolicyInBuildsOnly],
  build: {
    outDir: path.join(root, 'out', 'renderer'),
    emptyOutDir: true,
    rolldownOptions: { input: path.join(root, 'renderer', 'index.html') },
  },
};

export default defineConfig({
  main: {
    build: { outDir: path.join(root, 'out', 'main'), lib: { entry: path.join(root, 'electron', 'main', 'index.ts') } },
  },
  preload: {
    build: {
      outDir: path.join(root, 'out', 'preload'),
      lib: { entry: path.join(root, 'electron', 'preload', 'index.ts') },
      // A sandboxed preload cannot load modules or ES syntax for modules: one CommonJS file with nothing external.
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs' } },
    },
  },
  renderer: rendererConfig,
});
