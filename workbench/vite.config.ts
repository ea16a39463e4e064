/**
 * Vite configuration of the workbench: `npm run workbench` serves it, `npm run workbench:build`
 * writes the static folder `workbench/dist` (relative asset paths, so any web server or folder can
 * host it). Workers are ES modules, bundled with the page.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 4000 },
  server: { fs: { allow: ['..'] } },
});
