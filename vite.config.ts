import react from '@vitejs/plugin-react';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { defineConfig } from 'vitest/config';
import { csp } from './scripts/csp-plugin.ts';
import { initialChunk } from './scripts/initial-chunk-plugin.ts';

// One config for the app and the unit tests. `vite build --mode single` makes one self-contained HTML file
// that works opened from disk (file://). The engine's tests run in node; component tests opt into jsdom
// with a `// @vitest-environment jsdom` line at the top of their file.
export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    base: './',
    plugins: [
      react(),
      // The single file inlines every chunk anyway.
      ...(single ? [viteSingleFile({ removeViteModuleLoader: true })] : [initialChunk()]),
      csp({ inlineScripts: single }),
    ],
    build: { outDir: single ? 'dist-single' : 'dist', target: 'es2022', sourcemap: false },
    preview: { host: '127.0.0.1', port: 4173, strictPort: true },
    test: {
      include: ['src/**/*.test.{ts,tsx}'],
      environment: 'node',
      // Property tests run hundreds of cases; on a loaded 2-core CI machine 5 s is too tight for them.
      testTimeout: 30_000,
    },
  };
});
