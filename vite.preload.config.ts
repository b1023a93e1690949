import { defineConfig } from 'vite';

// Sandboxed preloads must be a single CommonJS file that requires only 'electron'.
export default defineConfig({
  build: {
    outDir: '.vite/build',
    emptyOutDir: false,
    sourcemap: true,
    target: 'chrome130',
    lib: { entry: 'electron/preload/preload.ts', formats: ['cjs'], fileName: () => 'preload.cjs' },
    rollupOptions: { external: ['electron'] },
  },
});
