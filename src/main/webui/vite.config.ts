import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The built dashboard goes to the repository's frontend-dist/, which Maven packages under
// META-INF/resources so Quarkus serves it at / (jar and native executable alike).
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: {
    outDir: '../../../frontend-dist',
    emptyOutDir: true,
    sourcemap: false,
    // The charting library is only needed once a chart is on screen: keep it out of the first load.
    chunkSizeWarningLimit: 400,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8000',
      '/ws': { target: 'ws://localhost:8000', ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test-setup.ts'],
  },
});
