// The Validation settings as the dialog edits them (numbers as typed text) and back, checked with
// the same schema main parses the IPC payload with, so the dialog shows the rule main would apply.
import { type FailoverMode, type TrainingScenario, type WorkflowMode } from '../../../shared/model/workflow.ts';
import { workflowSettingsSchema, type WorkflowSettings } from '../../../shared/model/workflowSettings.ts';

export interface SettingsForm {
  mode: WorkflowMode;
  failover: FailoverMode;
  /** Empty: the original's order only. */
  preferredServer: string;
  /** "EXCH02=4560, EXCH03=6001"; empty: ask every server's endpoint mapper. */
  saStaticPorts: string;
  pingTimeoutMs: string;
  scmTimeoutMs: string;
  saTimeoutMs: string;
  trainingScenario: TrainingScenario;
}

export type SettingsFormField = keyof SettingsForm;
export type SettingsFormErrors = Partial<Record<SettingsFormField, string>>;

export function toForm(settings: WorkflowSettings): SettingsForm {
  return {
    mode: settings.mode,
    failover: settings.failover,
    preferredServer: settings.preferredServer ?? '',
    saStaticPorts: Object.entries(settings.saStaticPorts)
      .map(([server, port]) => `${server}=${port}`)
      .join(', '),
    pingTimeoutMs: String(settings.pingTimeoutMs),
    scmTimeoutMs: String(settings.scmTimeoutMs),
    saTimeoutMs: String(settings.saTimeoutMs),
    trainingScenario: settings.trainingScenario,
  };
}

const fieldRules: Partial<Record<SettingsFormField, string>> = {
  preferredServer: 'Enter a server name or host of at most 253 characters, or leave it empty.',
  saStaticPorts: 'Write SERVER=PORT pairs separated by commas (e.g. EXCH02=4560), ports from 1 to 65535, or leave it empty to ask the endpoint mapper.',
  pingTimeoutMs: 'Enter a whole number of milliseconds from 100 to 30000.',
  scmTimeoutMs: 'Enter a whole number of milliseconds from 100 to 60000.',
  saTimeoutMs: 'Enter a whole number of milliseconds from 100 to 60000.',
};

function number(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** "EXCH02=4560, EXCH03=6001" → { EXCH02: 4560, EXCH03: 6001 }; null when a pair is malformed. */
function parseStaticPorts(text: string): Record<string, number> | null {
  const ports: Record<string, number> = {};
  for (const pair of text.split(/[,;\s]+/).filter(Boolean)) {
    const match = /^([A-Za-z0-9.-]+)=(\d{1,5})$/.exec(pair);
    if (!match) return null;
    ports[match[1]!] = Number(match[2]);
  }
  return ports;
}

export function fromForm(form: SettingsForm): { ok: true; settings: WorkflowSettings } | { ok: false; errors: SettingsFormErrors } {
  const preferred = form.preferredServer.trim();
  const staticPorts = parseStaticPorts(form.saStaticPorts);
  const candidate = {
    mode: form.mode,
    failover: form.failover,
    preferredServer: preferred === '' ? null : preferred,
    // A malformed pair fails the schema (a non-record), so the field shows its rule.
    saStaticPorts: staticPorts ?? (form.saStaticPorts as unknown),
    pingTimeoutMs: number(form.pingTimeoutMs),
    scmTimeoutMs: number(form.scmTimeoutMs),
    saTimeoutMs: number(form.saTimeoutMs),
    trainingScenario: form.trainingScenario,
  };
  const parsed = workflowSettingsSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const errors: SettingsFormErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as SettingsFormField | undefined;
    if (field && !errors[field]) errors[field] = fieldRules[field] ?? issue.message;
  }
  return { ok: false, errors };
}
