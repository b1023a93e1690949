// The validation workflow's settings, remembered next to the connection profiles. A file written by
// an older or newer version is merged over the defaults and parsed again, so a bad field falls back
// to its default instead of stopping the app.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { defaultWorkflowSettings, workflowSettingsSchema, type WorkflowSettings } from '../../../shared/model/workflowSettings.ts';

export class WorkflowSettingsStore {
  private settings: WorkflowSettings;

  /** `file` null keeps the settings in memory (tests, the in-memory shell). */
  constructor(private readonly file: string | null) {
    this.settings = file ? load(file) : { ...defaultWorkflowSettings };
  }

  get(): WorkflowSettings {
    return { ...this.settings };
  }

  /** Stores settings the IPC schema already parsed; returns what is now in force. */
  save(settings: WorkflowSettings): WorkflowSettings {
    this.settings = workflowSettingsSchema.parse(settings);
    if (this.file) {
      mkdirSync(dirname(this.file), { recursive: true });
      const temp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(this.settings, null, 1));
      renameSync(temp, this.file);
    }
    return this.get();
  }
}

function load(file: string): WorkflowSettings {
  let stored: Record<string, unknown>;
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    stored = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return { ...defaultWorkflowSettings };
  }
  const merged: Record<string, unknown> = { ...defaultWorkflowSettings };
  // Field by field, so one value out of range keeps the others.
  for (const key of Object.keys(defaultWorkflowSettings) as (keyof WorkflowSettings)[]) {
    if (!(key in stored)) continue;
    const candidate = { ...merged, [key]: stored[key] };
    if (workflowSettingsSchema.safeParse(candidate).success) merged[key] = stored[key];
  }
  return workflowSettingsSchema.parse(merged);
}
