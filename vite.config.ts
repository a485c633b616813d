import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// One config for the app and the unit tests. The engine's tests run in node; component tests opt into jsdom
// with a `// @vitest-environment jsdom` line at the top of their file.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', target: 'es2022', sourcemap: false },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
