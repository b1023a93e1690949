// The Validation settings as the dialog edits them (numbers as typed text) and back, checked with
// the same schema main parses the IPC payload with, so the dialog shows the rule main would apply.
import { workflowSettingsSchema, type FailoverMode, type TrainingScenario, type WorkflowMode, type WorkflowSettings } from '../../../shared/model/workflow.ts';

export interface SettingsForm {
  mode: WorkflowMode;
  failover: FailoverMode;
  /** Empty: the original's order only. */
  preferredServer: string;
  /** Empty: ask the endpoint mapper. */
  saStaticPort: string;
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
    saStaticPort: settings.saStaticPort === null ? '' : String(settings.saStaticPort),
    pingTimeoutMs: String(settings.pingTimeoutMs),
    scmTimeoutMs: String(settings.scmTimeoutMs),
    saTimeoutMs: String(settings.saTimeoutMs),
    trainingScenario: settings.trainingScenario,
  };
}

const fieldRules: Partial<Record<SettingsFormField, string>> = {
  preferredServer: 'Enter a server name or host of at most 253 characters, or leave it empty.',
  saStaticPort: 'Enter a port from 1 to 65535, or leave it empty to ask the endpoint mapper.',
  pingTimeoutMs: 'Enter a whole number of milliseconds from 100 to 30000.',
  scmTimeoutMs: 'Enter a whole number of milliseconds from 100 to 60000.',
  saTimeoutMs: 'Enter a whole number of milliseconds from 100 to 60000.',
};

function number(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

export function fromForm(form: SettingsForm): { ok: true; settings: WorkflowSettings } | { ok: false; errors: SettingsFormErrors } {
  const preferred = form.preferredServer.trim();
  const port = form.saStaticPort.trim();
  const candidate = {
    mode: form.mode,
    failover: form.failover,
    preferredServer: preferred === '' ? null : preferred,
    saStaticPort: port === '' ? null : number(port),
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
