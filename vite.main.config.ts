import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// Electron main: one CommonJS bundle. electron and Node built-ins stay external; our pure-Node
// code and its npm dependencies (ldapts, ws, zod) are bundled so the packaged app needs no node_modules.
export default defineConfig({
  build: {
    outDir: '.vite/build',
    emptyOutDir: false,
    sourcemap: true,
    ssr: true,
    target: 'node22',
    lib: { entry: 'electron/main/main.ts', formats: ['cjs'], fileName: () => 'main.js' },
    rollupOptions: {
      external: ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      // zod's sources carry /*@__PURE__*/ hints rollup cannot place; harmless, and noise in every build.
      onwarn(warning, warn) {
        if (warning.code !== 'INVALID_ANNOTATION') warn(warning);
      },
    },
  },
  ssr: { noExternal: true },
});
