import { create } from 'zustand';
import type { AppErrorData } from '../../../shared/errors.ts';
import type { UserSummary } from '../../../shared/model/directory.ts';
import { api, errorData } from '../../api.ts';

type SearchStatus = 'idle' | 'searching' | 'done' | 'failed';

interface SearchState {
  query: string;
  status: SearchStatus;
  users: UserSummary[];
  truncated: boolean;
  error: AppErrorData | null;
  /** The user whose properties window is open. */
  openDn: string | null;
  queryChanged(query: string): void;
  searchRequested(): Promise<void>;
  userOpened(dn: string): void;
  propertiesClosed(): void;
}

let latestSearch = 0;

export const useSearchStore = create<SearchState>()((set, get) => ({
  query: '',
  status: 'idle',
  users: [],
  truncated: false,
  error: null,
  openDn: null,
  queryChanged: (query) => set({ query }),
  async searchRequested() {
    // Only the newest search may write results: an older, slower answer must not overwrite it.
    const id = ++latestSearch;
    set({ status: 'searching', error: null });
    try {
      const { users, truncated } = await api.searchUsers(get().query);
      if (id === latestSearch) set({ status: 'done', users, truncated });
    } catch (error) {
      if (id === latestSearch) set({ status: 'failed', error: errorData(error), users: [] });
    }
  },
  userOpened: (dn) => set({ openDn: dn }),
  propertiesClosed: () => set({ openDn: null }),
}));
