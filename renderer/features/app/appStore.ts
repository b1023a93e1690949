import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors.ts';
import type { AppInfo } from '../../../shared/ipc/contract.ts';
import { api, errorData } from '../../api.ts';

interface AppState {
  info: AppInfo | null;
  error: AppErrorData | null;
  started(): Promise<void>;
  trainingResetRequested(): Promise<void>;
}

export const useAppStore = create<AppState>()((set) => ({
  info: null,
  error: null,
  async started() {
    try {
      set({ info: await api.getAppInfo(), error: null });
    } catch (error) {
      set({ error: errorData(error) });
    }
  },
  async trainingResetRequested() {
    try {
      set({ info: await api.resetTrainingDirectory(), error: null });
    } catch (error) {
      set({ error: errorData(error) });
    }
  },
}));
