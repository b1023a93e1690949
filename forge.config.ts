import type { ForgeConfig } from '@electron-forge/shared-types';
import { VitePlugin } from '@electron-forge/plugin-vite';

// `electron-forge start|package` builds with the same three Vite configs as `npm run build`.
// Installers are made by electron-builder (`npm run make`, settings in package.json "build").
const config: ForgeConfig = {
  packagerConfig: { name: 'AddressDesk', asar: true, icon: 'build/icon' },
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/preload/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
  ],
};

export default config;
