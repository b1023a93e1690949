// The Validation settings dialog's state: the saved settings, the form being edited, the Exchange
// servers to choose a preferred one from, and the save's outcome.
import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors.ts';
import type { ExchangeServer } from '../../../shared/model/directory.ts';
import type { WorkflowSettings } from '../../../shared/model/workflowSettings.ts';
import { api, errorData } from '../../api.ts';
import type { SettingsForm, SettingsFormErrors } from './settingsForm.ts';

// The form module carries the settings schema (and zod): loaded when the dialog first opens, so the
// app's first paint does not wait for it.
const formModule = () => import('./settingsForm.ts');

interface SettingsState {
  open: boolean;
  status: 'idle' | 'loading' | 'ready' | 'saving';
  saved: WorkflowSettings | null;
  form: SettingsForm | null;
  errors: SettingsFormErrors;
  error: AppErrorData | null;
  servers: ExchangeServer[];
  /** Why the server list is empty, when reading it failed (the field still takes free text). */
  serversError: AppErrorData | null;

  settingsOpened(): Promise<void>;
  fieldChanged<K extends keyof SettingsForm>(field: K, value: SettingsForm[K]): void;
  saveRequested(): Promise<boolean>;
  settingsClosed(): void;
}

export const useWorkflowSettingsStore = create<SettingsState>()((set, get) => ({
  open: false,
  status: 'idle',
  saved: null,
  form: null,
  errors: {},
  error: null,
  servers: [],
  serversError: null,

  async settingsOpened() {
    set({ open: true, status: 'loading', errors: {}, error: null, serversError: null });
    const loadingForm = formModule();
    const [settings, servers] = await Promise.allSettled([api.getWorkflowSettings(), api.listExchangeServers()]);
    const { toForm } = await loadingForm;
    if (!get().open) return;
    if (servers.status === 'fulfilled') set({ servers: servers.value });
    else set({ servers: [], serversError: errorData(servers.reason) });
    if (settings.status === 'fulfilled') set({ status: 'ready', saved: settings.value, form: toForm(settings.value) });
    else set({ status: 'ready', form: null, error: errorData(settings.reason) });
  },

  fieldChanged(field, value) {
    const { form, errors } = get();
    if (!form) return;
    const rest = { ...errors };
    delete rest[field];
    set({ form: { ...form, [field]: value }, errors: rest });
  },

  async saveRequested() {
    const { form, status } = get();
    if (!form || status === 'saving') return false;
    const { fromForm, toForm } = await formModule();
    const checked = fromForm(form);
    if (!checked.ok) {
      set({ errors: checked.errors });
      return false;
    }
    set({ status: 'saving', error: null });
    try {
      const saved = await api.saveWorkflowSettings(checked.settings);
      set({ status: 'ready', saved, form: toForm(saved), open: false });
      return true;
    } catch (error) {
      set({ status: 'ready', error: errorData(error) });
      return false;
    }
  },

  settingsClosed: () => set({ open: false, status: 'idle', errors: {}, error: null }),
}));
