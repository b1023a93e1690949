// The app's behaviour behind IPC: which directory is open, and what each operation does with it.
// Electron's main process and the browser shell both serve these very handlers.
import { AppError } from '../../../shared/errors.ts';
import type { AppInfo } from '../../../shared/ipc/contract.ts';
import type { Directory } from '../directory/directory.ts';
import type { Handlers } from '../ipc/router.ts';
import { openLdapDirectory } from '../ldap/ldapDirectory.ts';
import { testConnection } from '../ldap/testConnection.ts';
import { TrainingDirectory } from '../training/trainingDirectory.ts';
import { ProfileStore } from './profileStore.ts';
import { WorkflowSettingsStore } from './workflowSettingsStore.ts';
import { validateChange } from './validateChange.ts';
import { stepTitles, type WorkflowEvent } from '../../../shared/model/workflow.ts';
import { type WorkflowSettings } from '../../../shared/model/workflowSettings.ts';
import { probesFor } from '../workflow/probesFor.ts';
import { runWorkflow } from '../workflow/workflow.ts';

export interface AppServiceOptions {
  version: string;
  shell: 'electron' | 'browser';
  /** Where the Training directory persists its changes; null keeps it in memory. */
  trainingFile: string | null;
  /** Where connection profiles (without passwords) are remembered; null keeps them in memory. */
  profilesFile: string | null;
  /** Where the validation workflow's settings are remembered; null keeps them in memory. */
  settingsFile: string | null;
  /** The validation workflow: settings forced over the saved ones (tests, demos), and the Training directory's pace. */
  workflow?: {
    overrides?: Partial<WorkflowSettings>;
    /** 1 = simulated servers pause ~100–300 ms per step (default), 0 = no pauses. */
    simulatedDelayScale?: number;
  };
}

const SEARCH_LIMIT = 500;

export class AppService {
  private directory: Directory;
  private readonly training: TrainingDirectory;
  private readonly profiles: ProfileStore;
  /** The validation workflow's settings (the Settings dialog edits them; applyChange reads `settings.get()`). */
  readonly settings: WorkflowSettingsStore;

  constructor(private readonly options: AppServiceOptions) {
    this.training = new TrainingDirectory(options.trainingFile);
    this.directory = this.training;
    this.profiles = new ProfileStore(options.profilesFile);
    this.settings = new WorkflowSettingsStore(options.settingsFile);
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
      const emit = (event: WorkflowEvent) => context.emit({ ...event, jobId });
      try {
        // Main enforces the address rules again: the renderer's checks are for the user, not for safety.
        validateChange(change);
      } catch (error) {
        const data = error instanceof AppError ? error.toData() : { kind: 'internal' as const, message: String(error) };
        emit({ type: 'stepChanged', stepId: 'write', title: stepTitles.write, state: 'failed', detail: data.message, error: data });
        throw error;
      }
      // The validation workflow (electron/node/workflow): the original's eight steps, or Direct mode;
      // a change that adds no new address goes straight to the write, as in the original.
      const settings: WorkflowSettings = { ...this.settings.get(), ...this.options.workflow?.overrides };
      const directory = this.directory;
      const delayScale = this.options.workflow?.simulatedDelayScale;
      const probes = () => probesFor(directory, settings, delayScale !== undefined ? { delayScale } : {});
      const result = await runWorkflow({ directory, change, settings, probes, onEvent: emit });
      // Only a dry run (never requested over IPC) leaves `user` null.
      if (!result.user) throw new AppError({ kind: 'internal', message: 'The change was checked but not written.' });
      return result.user;
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
    getWorkflowSettings: async () => this.settings.get(),
    saveWorkflowSettings: async ({ settings }) => this.settings.save(settings),
  };
}
