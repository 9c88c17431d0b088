import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** Where `npm run dev:web` forwards API calls; `npm start` serves on port 3000 by default. */
const API = process.env.CASCADE_API_URL ?? 'http://127.0.0.1:3000';
const API_ROUTES = ['/graphql', '/auth', '/inbox', '/assessments/evidence', '/remediation-items'];

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    // The chart library is its own chunk, loaded only with the first chart.
    chunkSizeWarningLimit: 650,
  },
  server: {
    proxy: Object.fromEntries(API_ROUTES.map((route) => [route, { target: API }])),
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    // Whole-app renders on a loaded CI machine take seconds, not milliseconds.
    testTimeout: 20_000,
  },
});
