import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors.ts';
import type { ConnectionProfileInput, PublicConnectionProfile, TlsMode } from '../../../shared/model/connectionProfile.ts';
import type { ConnectionTestReport } from '../../../shared/model/connectionTest.ts';
import { api, errorData } from '../../api.ts';
import { useAppStore } from '../app/appStore.ts';
import { useSearchStore } from '../search/searchStore.ts';

export interface ProfileForm {
  name: string;
  domain: string;
  dcHost: string;
  dcAddress: string;
  gcHost: string;
  tls: TlsMode;
  allowPlain: boolean;
  user: string;
  password: string;
  caPem: string;
  dnsServer: string;
}

const emptyForm: ProfileForm = {
  name: '',
  domain: '',
  dcHost: '',
  dcAddress: '',
  gcHost: '',
  tls: 'ldaps',
  allowPlain: false,
  user: '',
  password: '',
  caPem: '',
  dnsServer: '',
};

type Busy = 'testing' | 'connecting' | null;

interface ConnectionState {
  open: boolean;
  form: ProfileForm;
  saved: PublicConnectionProfile[];
  busy: Busy;
  report: ConnectionTestReport | null;
  error: AppErrorData | null;
  dialogOpened(): Promise<void>;
  dialogClosed(): void;
  fieldChanged<K extends keyof ProfileForm>(field: K, value: ProfileForm[K]): void;
  savedProfileChosen(name: string): void;
  testRequested(): Promise<void>;
  connectRequested(): Promise<void>;
  trainingRequested(): Promise<void>;
}

/** The form as the contract's profile; empty optional fields are left out. */
export function profileFromForm(form: ProfileForm): ConnectionProfileInput {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    name: optional(form.name) ?? optional(form.domain) ?? optional(form.dcHost) ?? 'Directory',
    domain: optional(form.domain),
    dcHost: optional(form.dcHost),
    dcAddress: optional(form.dcAddress),
    gcHost: optional(form.gcHost),
    tls: form.tls,
    allowPlain: form.allowPlain,
    user: form.user.trim(),
    password: form.password,
    caPem: optional(form.caPem),
    dnsServer: optional(form.dnsServer),
  };
}

async function afterDirectoryChange(info: Awaited<ReturnType<typeof api.getAppInfo>>) {
  useAppStore.setState({ info, error: null });
  useSearchStore.setState({ users: [], openDn: null });
  await useSearchStore.getState().searchRequested();
}

export const useConnectionStore = create<ConnectionState>()((set, get) => ({
  open: false,
  form: emptyForm,
  saved: [],
  busy: null,
  report: null,
  error: null,
  async dialogOpened() {
    set({ open: true, report: null, error: null });
    try {
      set({ saved: await api.listProfiles() });
    } catch {
      set({ saved: [] });
    }
  },
  dialogClosed: () => set({ open: false, busy: null, form: { ...get().form, password: '' } }),
  fieldChanged: (field, value) => set({ form: { ...get().form, [field]: value }, report: null, error: null }),
  savedProfileChosen(name) {
    const profile = get().saved.find((p) => p.name === name);
    if (!profile) return;
    set({
      form: {
        ...emptyForm,
        name: profile.name,
        domain: profile.domain ?? '',
        dcHost: profile.dcHost ?? '',
        dcAddress: profile.dcAddress ?? '',
        gcHost: profile.gcHost ?? '',
        tls: profile.tls,
        allowPlain: profile.allowPlain,
        user: profile.user,
        caPem: profile.caPem ?? '',
        dnsServer: profile.dnsServer ?? '',
      },
      report: null,
      error: null,
    });
  },
  async testRequested() {
    set({ busy: 'testing', report: null, error: null });
    try {
      set({ report: await api.testConnection(profileFromForm(get().form)) });
    } catch (error) {
      set({ error: errorData(error) });
    } finally {
      set({ busy: null });
    }
  },
  async connectRequested() {
    set({ busy: 'connecting', error: null });
    try {
      const info = await api.connectDirectory(profileFromForm(get().form));
      set({ open: false, form: { ...get().form, password: '' } });
      await afterDirectoryChange(info);
    } catch (error) {
      set({ error: errorData(error) });
    } finally {
      set({ busy: null });
    }
  },
  async trainingRequested() {
    try {
      const info = await api.useTrainingDirectory();
      set({ open: false });
      await afterDirectoryChange(info);
    } catch (error) {
      set({ error: errorData(error) });
    }
  },
}));
