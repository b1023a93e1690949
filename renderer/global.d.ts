import type { Api } from '../shared/ipc/contract.ts';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the browser shell (renderer/api.ts then bridges over WebSocket). */
    api?: Api;
  }
}
export {};
