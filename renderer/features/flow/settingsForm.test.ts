import { describe, expect, it } from 'vitest';
import { defaultWorkflowSettings } from '../../../shared/model/workflow.ts';
import { fromForm, toForm } from './settingsForm.ts';

describe('settings form', () => {
  it('round-trips the settings', () => {
    const settings = { ...defaultWorkflowSettings, mode: 'direct' as const, preferredServer: 'EXCH03', saStaticPort: 4560 };
    expect(fromForm(toForm(settings))).toEqual({ ok: true, settings });
    expect(fromForm(toForm(defaultWorkflowSettings))).toEqual({ ok: true, settings: defaultWorkflowSettings });
  });
  it('turns empty text into "not set" and trims', () => {
    const form = { ...toForm(defaultWorkflowSettings), preferredServer: '  ', saStaticPort: ' ', pingTimeoutMs: ' 750 ' };
    expect(fromForm(form)).toEqual({ ok: true, settings: { ...defaultWorkflowSettings, pingTimeoutMs: 750 } });
  });
  it('names each field that breaks its rule', () => {
    const form = { ...toForm(defaultWorkflowSettings), saStaticPort: '70000', pingTimeoutMs: '1.5', scmTimeoutMs: 'abc' };
    const result = fromForm(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['pingTimeoutMs', 'saStaticPort', 'scmTimeoutMs']);
    expect(result.errors.saStaticPort).toMatch(/1 to 65535/);
  });
});
