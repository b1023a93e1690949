import { describe, expect, it } from 'vitest';
import { defaultWorkflowSettings } from '../../../shared/model/workflowSettings.ts';
import { fromForm, toForm } from './settingsForm.ts';

describe('settings form', () => {
  it('round-trips the settings', () => {
    const settings = { ...defaultWorkflowSettings, mode: 'direct' as const, preferredServer: 'EXCH03', saStaticPorts: { EXCH02: 4560, 'exch03.corp.example.test': 6001 } };
    expect(fromForm(toForm(settings))).toEqual({ ok: true, settings });
    expect(fromForm(toForm(defaultWorkflowSettings))).toEqual({ ok: true, settings: defaultWorkflowSettings });
  });
  it('turns empty text into "not set" and trims', () => {
    const form = { ...toForm(defaultWorkflowSettings), preferredServer: '  ', saStaticPorts: ' ', pingTimeoutMs: ' 750 ' };
    expect(fromForm(form)).toEqual({ ok: true, settings: { ...defaultWorkflowSettings, pingTimeoutMs: 750 } });
  });
  it('names each field that breaks its rule', () => {
    const form = { ...toForm(defaultWorkflowSettings), saStaticPorts: 'EXCH02=70000', pingTimeoutMs: '1.5', scmTimeoutMs: 'abc' };
    const result = fromForm(form);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(['pingTimeoutMs', 'saStaticPorts', 'scmTimeoutMs']);
    expect(result.errors.saStaticPorts).toMatch(/1 to 65535/);
  });
  it('reads static ports per server and refuses a malformed pair', () => {
    const parsed = fromForm({ ...toForm(defaultWorkflowSettings), saStaticPorts: 'EXCH02=4560,  EXCH03=6001' });
    expect(parsed).toEqual({ ok: true, settings: { ...defaultWorkflowSettings, saStaticPorts: { EXCH02: 4560, EXCH03: 6001 } } });
    const malformed = fromForm({ ...toForm(defaultWorkflowSettings), saStaticPorts: '4560' });
    expect(malformed.ok ? null : malformed.errors.saStaticPorts).toMatch(/SERVER=PORT/);
  });
});
