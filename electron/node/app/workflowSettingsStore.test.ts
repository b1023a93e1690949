import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultWorkflowSettings } from '../../../shared/model/workflowSettings.ts';
import { WorkflowSettingsStore } from './workflowSettingsStore.ts';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'addressdesk-settings-'));
  dirs.push(dir);
  return join(dir, 'sub', 'workflow-settings.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('WorkflowSettingsStore', () => {
  it('starts with the defaults and keeps saved settings in memory without a file', () => {
    const store = new WorkflowSettingsStore(null);
    expect(store.get()).toEqual(defaultWorkflowSettings);
    const saved = store.save({ ...defaultWorkflowSettings, mode: 'direct' });
    expect(saved.mode).toBe('direct');
    expect(store.get().mode).toBe('direct');
  });

  it('persists to its file and reads it back in a new store', () => {
    const file = tempFile();
    new WorkflowSettingsStore(file).save({ ...defaultWorkflowSettings, failover: 'sequential', preferredServer: 'EXCH03', saStaticPorts: { EXCH02: 4560 } });
    expect(JSON.parse(readFileSync(file, 'utf8')).preferredServer).toBe('EXCH03');
    const again = new WorkflowSettingsStore(file).get();
    expect(again).toMatchObject({ failover: 'sequential', preferredServer: 'EXCH03', saStaticPorts: { EXCH02: 4560 } });
  });

  it('keeps the valid fields of a damaged file and defaults the rest', () => {
    const file = tempFile();
    new WorkflowSettingsStore(file).save(defaultWorkflowSettings);
    writeFileSync(file, JSON.stringify({ mode: 'direct', pingTimeoutMs: -5, trainingScenario: 'nonsense', extra: 1 }));
    expect(new WorkflowSettingsStore(file).get()).toEqual({ ...defaultWorkflowSettings, mode: 'direct' });
    writeFileSync(file, 'not json');
    expect(new WorkflowSettingsStore(file).get()).toEqual(defaultWorkflowSettings);
  });
});
