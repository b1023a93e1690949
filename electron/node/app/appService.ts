// The app's behaviour behind IPC: which directory is open, and what each operation does with it.
// Electron's main process and the browser shell both serve these very handlers.
import { AppError, type AppErrorData } from '../../../shared/errors.ts';
import type { AppInfo, JobEvent } from '../../../shared/ipc/contract.ts';
import type { Directory } from '../directory/directory.ts';
import type { CallContext, Handlers } from '../ipc/router.ts';
import { openLdapDirectory } from '../ldap/ldapDirectory.ts';
import { testConnection } from '../ldap/testConnection.ts';
import { TrainingDirectory } from '../training/trainingDirectory.ts';
import { ProfileStore } from './profileStore.ts';
import { validateChange } from './validateChange.ts';

export interface AppServiceOptions {
  version: string;
  shell: 'electron' | 'browser';
  /** Where the Training directory persists its changes; null keeps it in memory. */
  trainingFile: string | null;
  /** Where connection profiles (without passwords) are remembered; null keeps them in memory. */
  profilesFile: string | null;
}

const SEARCH_LIMIT = 500;

export class AppService {
  private directory: Directory;
  private readonly training: TrainingDirectory;
  private readonly profiles: ProfileStore;

  constructor(private readonly options: AppServiceOptions) {
    this.training = new TrainingDirectory(options.trainingFile);
    this.directory = this.training;
    this.profiles = new ProfileStore(options.profilesFile);
  }

  /** Switches to another directory (an LDAP profile); the previous non-training one is closed. */
  async useDirectory(directory: Directory): Promise<void> {
    if (this.directory !== this.training) await this.directory.close();
    this.directory = directory;
  }

  info(): AppInfo {
    return { version: this.options.version, directoryLabel: this.directory.label, directoryKind: this.directory.kind, shell: this.options.shell };
  }

  readonly handlers: Handlers = {
    getAppInfo: async () => this.info(),
    searchUsers: async ({ query }) => {
      const users = [];
      for await (const page of this.directory.searchUsers(query)) {
        users.push(...page);
        if (users.length >= SEARCH_LIMIT) return { users: users.slice(0, SEARCH_LIMIT), truncated: true };
      }
      return { users, truncated: false };
    },
    getUser: async ({ dn }) => this.directory.getUser(dn),
    listExchangeServers: async () => this.directory.listExchangeServers(),
    findAddressHolders: async ({ addresses, excludeDn }) => {
      const holders = await this.directory.findAddressHolders(addresses);
      return excludeDn ? holders.filter((h) => h.dn.toLowerCase() !== excludeDn.toLowerCase()) : holders;
    },
    applyChange: async ({ jobId, change }, context) => {
      const step = stepReporter(jobId, context);
      step('save', 'Saving', 'running');
      try {
        // Main enforces the address rules again: the renderer's checks are for the user, not for safety.
        validateChange(change);
        const stored = await this.directory.applyChange(change);
        step('save', 'Saving', 'done', `${change.addProxyAddresses.length} added, ${change.removeProxyAddresses.length} removed`);
        return stored;
      } catch (error) {
        const data = error instanceof AppError ? error.toData() : undefined;
        step('save', 'Saving', 'failed', undefined, data ?? { kind: 'internal', message: String(error) });
        throw error;
      }
    },
    resetTrainingDirectory: async () => {
      if (this.directory !== this.training) {
        throw new AppError({ kind: 'invalidRequest', message: 'The Training directory is not the open directory, so it was not reset.' });
      }
      this.training.reset();
      return this.info();
    },
    listProfiles: async () => this.profiles.list(),
    testConnection: async ({ profile }) => testConnection(profile),
    connectDirectory: async ({ profile }) => {
      // The new directory is fully open (bound, RootDSE read) before the old one is let go.
      await this.useDirectory(await openLdapDirectory(profile));
      this.profiles.remember(profile);
      return this.info();
    },
    useTrainingDirectory: async () => {
      await this.useDirectory(this.training);
      return this.info();
    },
  };
}

function stepReporter(jobId: string, context: CallContext) {
  return (stepId: string, title: string, state: 'running' | 'done' | 'failed', detail?: string, error?: AppErrorData) => {
    const event: JobEvent = { type: 'stepChanged', jobId, stepId, title, state };
    if (detail !== undefined) event.detail = detail;
    if (error !== undefined) event.error = error;
    context.emit(event);
  };
}

