// The two settings operations through the validating router, as the renderer calls them.
import { describe, expect, it } from 'vitest';
import { channels } from '../../../shared/ipc/channels.ts';
import { defaultWorkflowSettings } from '../../../shared/model/workflowSettings.ts';
import { createIpcRouter } from '../ipc/router.ts';
import { AppService } from './appService.ts';

const TRUSTED = { url: 'app://addressdesk/index.html' };

function setup() {
  const service = new AppService({ version: 'test', shell: 'electron', trainingFile: null, profilesFile: null, settingsFile: null });
  const router = createIpcRouter(service.handlers, (sender) => sender.url?.startsWith('app://addressdesk/') ?? false);
  return (channel: string, payload: unknown, sender: { url: string | undefined } = TRUSTED) => router.handle(channel, payload, sender, { emit() {} });
}

describe('workflow settings over IPC', () => {
  it('returns the defaults, then what was saved', async () => {
    const call = setup();
    expect(await call(channels.getWorkflowSettings, {})).toEqual({ ok: true, value: defaultWorkflowSettings });
    const settings = { ...defaultWorkflowSettings, mode: 'direct', preferredServer: 'EXCH03', trainingScenario: 'saStopped' };
    expect(await call(channels.saveWorkflowSettings, { settings })).toEqual({ ok: true, value: settings });
    expect(await call(channels.getWorkflowSettings, {})).toEqual({ ok: true, value: settings });
  });

  it.each([
    ['an unknown mode', { ...defaultWorkflowSettings, mode: 'exchange2010' }],
    ['a port out of range', { ...defaultWorkflowSettings, saStaticPorts: { EXCH02: 70_000 } }],
    ['a missing field', { ...defaultWorkflowSettings, failover: undefined }],
    ['an extra field', { ...defaultWorkflowSettings, password: 'x' }],
  ])('refuses settings with %s and keeps the old ones', async (_label, settings) => {
    const call = setup();
    expect(await call(channels.saveWorkflowSettings, { settings })).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
    expect(await call(channels.getWorkflowSettings, {})).toEqual({ ok: true, value: defaultWorkflowSettings });
  });

  it('refuses an untrusted sender', async () => {
    const call = setup();
    const result = await call(channels.saveWorkflowSettings, { settings: { ...defaultWorkflowSettings, mode: 'direct' } }, { url: 'https://evil.example/' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
    expect(await call(channels.getWorkflowSettings, {})).toEqual({ ok: true, value: defaultWorkflowSettings });
  });
});
