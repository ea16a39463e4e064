/**
 * Vite configuration of the workbench: `npm run workbench` serves it, `npm run workbench:build`
 * writes the static folder `workbench/dist` (relative asset paths, so any web server or folder can
 * host it). Workers are ES modules, bundled with the page. mathjs (loaded only for a spec with an
 * expression, through models/campaign/mathjsParts.ts) is its own chunk, named `mathjs-…` in the page
 * and in the workers, so that one can see (and the browser test checks) when it is fetched.
 */
import { defineConfig } from 'vite';

const output = {
  chunkFileNames: (chunk: { facadeModuleId: string | null }) =>
    /[\\/]models[\\/]campaign[\\/]mathjsParts\.ts$/.test(chunk.facadeModuleId ?? '')
      ? 'assets/mathjs-[hash].js'
      : 'assets/[name]-[hash].js',
};

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  worker: { format: 'es', rolldownOptions: { output } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rolldownOptions: { output },
  },
  server: { fs: { allow: ['..'] } },
});
