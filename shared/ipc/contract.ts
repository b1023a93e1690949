// The one IPC contract: every operation's channel, request schema and result type, and the events.
// Electron's preload and the browser shell both implement `Api` from this table; main and the
// shell's server both parse every payload with these schemas before any handler runs.
import { z } from 'zod';
import type { AppErrorData } from '../errors.ts';
import type { AddressHolder, ExchangeServer, UserDetails, UserSummary } from '../model/directory.ts';
import type { WireLine } from '../transcript.ts';
import { connectionProfileSchema, type PublicConnectionProfile } from '../model/connectionProfile.ts';
import type { ConnectionTestReport } from '../model/connectionTest.ts';
import { workflowSettingsSchema, type WorkflowSettings } from '../model/workflowSettings.ts';
import type { OperationName } from './channels.ts';

export { channels, EVENT_CHANNEL, operationNames, type OperationName } from './channels.ts';

const dn = z.string().min(3).max(2048);
const value = z.string().min(1).max(2048);

export const addressSnapshotSchema = z.strictObject({
  proxyAddresses: z.array(value).max(20_000),
  mail: z.string().max(2048).nullable(),
  policyExcluded: z.array(value).max(100),
});

export const addressChangeSchema = z.strictObject({
  dn,
  expected: addressSnapshotSchema,
  addProxyAddresses: z.array(value).max(2_000),
  removeProxyAddresses: z.array(value).max(2_000),
  mail: z.string().max(2048).nullable().optional(),
  addPolicyExcluded: z.array(value).max(100),
  removePolicyExcluded: z.array(value).max(100),
});

export const empty = z.strictObject({});

/** The schema of every operation's payload; parsed in main (and the shell) before any handler runs. */
export const requestSchemas = {
  getAppInfo: empty,
  searchUsers: z.strictObject({ query: z.string().max(256) }),
  getUser: z.strictObject({ dn }),
  applyChange: z.strictObject({ jobId: z.string().min(1).max(64), change: addressChangeSchema }),
  listExchangeServers: empty,
  findAddressHolders: z.strictObject({ addresses: z.array(value).min(1).max(100), excludeDn: dn.optional() }),
  resetTrainingDirectory: empty,
  listProfiles: empty,
  testConnection: z.strictObject({ profile: connectionProfileSchema }),
  connectDirectory: z.strictObject({ profile: connectionProfileSchema }),
  useTrainingDirectory: empty,
  getWorkflowSettings: empty,
  saveWorkflowSettings: z.strictObject({ settings: workflowSettingsSchema }),
} as const satisfies Record<OperationName, z.ZodType>;

/** What a caller sends (defaults may be left out). */
export type RequestOf<N extends OperationName> = z.input<(typeof requestSchemas)[N]>;
/** What a handler receives: the payload after its schema parsed it (defaults filled in). */
export type ParsedRequestOf<N extends OperationName> = z.output<(typeof requestSchemas)[N]>;

export interface AppInfo {
  version: string;
  /** "Training directory" or the LDAP server's label. */
  directoryLabel: string;
  directoryKind: 'training' | 'ldap';
  /** 'electron' or 'browser': where the renderer runs. */
  shell: 'electron' | 'browser';
}

/** What each operation resolves to. */
export interface ResultOf {
  getAppInfo: AppInfo;
  searchUsers: { users: UserSummary[]; truncated: boolean };
  getUser: UserDetails;
  applyChange: UserDetails;
  listExchangeServers: ExchangeServer[];
  findAddressHolders: AddressHolder[];
  resetTrainingDirectory: AppInfo;
  /** Saved profiles, newest first; passwords are never saved. */
  listProfiles: PublicConnectionProfile[];
  testConnection: ConnectionTestReport;
  connectDirectory: AppInfo;
  useTrainingDirectory: AppInfo;
  /** The validation workflow's settings (mode, failover, preferred server, ports, timeouts, training scenario). */
  getWorkflowSettings: WorkflowSettings;
  /** Saves them and returns what is now in force. */
  saveWorkflowSettings: WorkflowSettings;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

// ---- events (main → renderer), channel `job:progress` ----

export const stepStates = ['pending', 'running', 'done', 'failed', 'skipped'] as const;
export type StepState = (typeof stepStates)[number];

export type JobEvent =
  | { type: 'stepChanged'; jobId: string; stepId: string; title: string; state: StepState; detail?: string; error?: AppErrorData }
  | { type: 'wire'; jobId: string; line: WireLine };


/** The API the renderer sees as `window.api`. One function per operation; results never throw. */
export type Api = {
  [N in OperationName]: (request: RequestOf<N>) => Promise<IpcResult<ResultOf[N]>>;
} & {
  /** Subscribes to job events; returns the unsubscribe function. */
  onJobEvent(listener: (event: JobEvent) => void): () => void;
};
