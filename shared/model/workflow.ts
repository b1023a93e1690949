// The validation workflow the app runs before writing new addresses: the original's eight steps
// (seed document) or AddressDesk's Direct mode. Step ids, settings and outcome shapes shared by
// the engine (electron/node/workflow), the CLI and the renderer's progress list. Free of zod, so the
// renderer's first bundle stays small; the settings schema is in ./workflowSettings.ts.
import type { AppErrorData } from '../errors.ts';
import type { WireLine } from '../transcript.ts';
import type { AddressHolder, UserDetails } from './directory.ts';
import type { OriginalDialog } from './originalErrors.ts';

/** The original's steps, in order. Steps 3–6 run per server: their step ids are `ping:EXCH02`. */
export const workflowSteps = ['findServers', 'orderServers', 'ping', 'scm', 'endpointMapper', 'systemAttendant', 'globalCatalog', 'write'] as const;
export type WorkflowStep = (typeof workflowSteps)[number];
export const serverSteps = ['ping', 'scm', 'endpointMapper', 'systemAttendant'] as const;
export type ServerStep = (typeof serverSteps)[number];

export const stepTitles: Record<WorkflowStep, string> = {
  findServers: 'Find Exchange servers',
  orderServers: 'Order by age',
  ping: 'Ping',
  scm: 'Service Control Manager',
  endpointMapper: 'Endpoint mapper',
  systemAttendant: 'System Attendant',
  globalCatalog: 'Global Catalog check',
  write: 'Write',
};

/** "ping:EXCH02" for a server's step; the bare step name when no server is involved (Direct mode). */
export function serverStepId(step: ServerStep, server?: string): string {
  return server ? `${step}:${server}` : step;
}

export function serverStepTitle(step: ServerStep, server?: string): string {
  return server ? `${stepTitles[step]} (${server})` : stepTitles[step];
}

/** Splits "ping:EXCH02" into its step and server. */
export function parseStepId(stepId: string): { step: WorkflowStep; server?: string } | null {
  const colon = stepId.indexOf(':');
  const step = (colon < 0 ? stepId : stepId.slice(0, colon)) as WorkflowStep;
  if (!(workflowSteps as readonly string[]).includes(step)) return null;
  return colon < 0 ? { step } : { step, server: stepId.slice(colon + 1) };
}

export const workflowModes = ['original', 'direct'] as const;
/** original: all eight steps; direct: no Exchange server needed (steps 1–6 skipped). */
export type WorkflowMode = (typeof workflowModes)[number];

export const failoverModes = ['sequential', 'parallel'] as const;
/**
 * sequential: one server after the other, as the original. parallel (AddressDesk): ping and SCM of
 * every server at once, the choice still the original's (the oldest that passes).
 */
export type FailoverMode = (typeof failoverModes)[number];

/**
 * What the Training directory's simulated Exchange servers do; each fault hits the oldest server
 * (EXCH02 in the Training directory), so a trainer can show the original's failover.
 */
export const trainingScenarios = ['healthy', 'saStopped', 'noPing', 'scmDenied', 'noServer', 'endpointMissing', 'saPortBlocked'] as const;
export type TrainingScenario = (typeof trainingScenarios)[number];

export const trainingScenarioLabels: Record<TrainingScenario, string> = {
  healthy: 'All Exchange servers healthy',
  saStopped: "Oldest server's System Attendant stopped (failover to the next)",
  noPing: 'Oldest server does not answer ping (failover to the next)',
  scmDenied: "Oldest server's Service Control Manager refuses a non-administrator (KB 907460)",
  noServer: 'No Exchange server answers (c10308a2)',
  endpointMissing: 'System Attendant not registered with the endpoint mapper (c00706d9)',
  saPortBlocked: "System Attendant's port blocked by a firewall (c00706d9)",
};

/** KB 270836: the static System Attendant port configured for this server (matched by name or host, any case), or null. */
export function staticPortFor(ports: Readonly<Record<string, number>>, server: { name: string; host: string }): number | null {
  const names = [server.name.toLowerCase(), server.host.toLowerCase()];
  for (const [key, port] of Object.entries(ports)) if (names.includes(key.toLowerCase())) return port;
  return null;
}

/** What the workflow reports as it runs (the IPC layer adds the job id). */
export type WorkflowEvent =
  | { type: 'stepChanged'; stepId: string; title: string; state: 'pending' | 'running' | 'done' | 'failed' | 'skipped'; detail?: string; error?: AppErrorData }
  | { type: 'wire'; line: WireLine };

/** How one server fared; the chosen server is the one with `passed: true`. */
export interface ServerAttempt {
  server: string;
  host: string;
  /** The last step run on this server. */
  stage: ServerStep;
  passed: boolean;
  /** One line: what happened. */
  message: string;
  hint?: string;
}

export interface ChosenServer {
  name: string;
  host: string;
  port: number;
  portSource: 'endpointMapper' | 'static';
}

export interface WorkflowResult {
  mode: WorkflowMode;
  failover: FailoverMode;
  /** The addresses the workflow checked (new to this user). */
  newAddresses: string[];
  chosenServer: ChosenServer | null;
  attempts: ServerAttempt[];
  /** What is stored after the write; null on a dry run. */
  user: UserDetails | null;
  dryRun: boolean;
  elapsedMs: number;
  /** Time from the first ping to the choice of a server (the failover benchmark's figure). */
  selectionMs: number | null;
}

/** `details` of the AppError the workflow throws when it stops. */
export interface WorkflowFailureDetails {
  /** The dialog the original would have shown, verbatim (null when it showed none). */
  originalDialog: OriginalDialog | null;
  attempts: ServerAttempt[];
  /** c10312e7: who already holds the address. */
  holders?: AddressHolder[];
  /** Details of the underlying error (e.g. a conflict's current data). */
  cause?: unknown;
}
