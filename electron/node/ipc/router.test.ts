import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { channels } from '../../../shared/ipc/channels.ts';
import { changeOf } from '../../../shared/model/directory.ts';
import type { JobEvent } from '../../../shared/ipc/contract.ts';
import { AppService } from '../app/appService.ts';
import { createIpcRouter, type Handlers, type Sender } from './router.ts';

const TRUSTED = { url: 'app://addressdesk/index.html' };
const UNTRUSTED = { url: 'https://evil.example/' };
const isTrusted = (sender: { url: string | undefined }) => sender.url?.startsWith('app://addressdesk/') ?? false;

function setup() {
  const service = new AppService({ version: 'test', shell: 'electron', trainingFile: null, profilesFile: null, settingsFile: null });
  const events: JobEvent[] = [];
  const router = createIpcRouter(service.handlers, isTrusted);
  const call = (channel: string, payload: unknown, sender: Sender = TRUSTED) => router.handle(channel, payload, sender, { emit: (e) => events.push(e) });
  return { router, call, events, service };
}

describe('IPC router', () => {
  it('registers exactly the contract channels', () => {
    expect([...setup().router.channels].sort()).toEqual(Object.values(channels).sort());
  });

  it('answers a trusted sender with the handler value', async () => {
    const { call } = setup();
    const result = await call(channels.getAppInfo, {});
    expect(result).toEqual({ ok: true, value: { version: 'test', directoryLabel: 'Training directory', directoryKind: 'training', shell: 'electron' } });
  });

  it('refuses an untrusted sender without running the handler', async () => {
    const getAppInfo = vi.fn();
    const router = createIpcRouter({ getAppInfo } as unknown as Handlers, isTrusted);
    const result = await router.handle(channels.getAppInfo, {}, UNTRUSTED, { emit() {} });
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalidRequest', message: expect.stringContaining('not AddressDesk') } });
    expect(getAppInfo).not.toHaveBeenCalled();
  });

  it('refuses a sender without a frame URL', async () => {
    const { call } = setup();
    expect(await call(channels.getAppInfo, {}, { url: undefined })).toMatchObject({ ok: false, error: { kind: 'invalidRequest' } });
  });

  it.each([
    ['a missing field', channels.getUser, {}],
    ['a wrong type', channels.searchUsers, { query: 42 }],
    ['an unknown extra field', channels.getUser, { dn: 'CN=x,DC=y', admin: true }],
    ['an oversized query', channels.searchUsers, { query: 'x'.repeat(300) }],
    ['a non-object payload', channels.getUser, 'CN=x'],
    ['an empty address list', channels.findAddressHolders, { addresses: [] }],
  ])('rejects a payload with %s, naming the problem', async (_label, channel, payload) => {
    const { call } = setup();
    const result = await call(channel, payload);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalidRequest', message: expect.stringContaining('malformed') } });
  });

  it('rejects an unknown channel', async () => {
    expect(await setup().call('fs:readFile', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { kind: 'invalidRequest', message: expect.stringContaining('Unknown request') } });
  });

  it('returns handler failures as plain error data', async () => {
    const router = createIpcRouter(
      { getAppInfo: async () => { throw new AppError({ kind: 'unavailable', code: 52, message: 'The server is unavailable.', hint: 'Try again.' }); } } as unknown as Handlers,
      isTrusted,
    );
    const result = await router.handle(channels.getAppInfo, {}, TRUSTED, { emit() {} });
    expect(result).toEqual({ ok: false, error: { kind: 'unavailable', code: 52, message: 'The server is unavailable.', hint: 'Try again.' } });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('hides unexpected exceptions behind an internal error without a stack trace', async () => {
    const router = createIpcRouter({ getAppInfo: async () => { throw new TypeError('boom'); } } as unknown as Handlers, isTrusted);
    const result = await router.handle(channels.getAppInfo, {}, TRUSTED, { emit() {} });
    expect(result).toMatchObject({ ok: false, error: { kind: 'internal', message: 'Unexpected error: boom' } });
    expect(JSON.stringify(result)).not.toContain('router.test.ts');
    expect(result.ok ? [] : Object.keys(result.error).sort()).toEqual(['hint', 'kind', 'message']);
  });

  it('reports the validation workflow of an apply as job events', async () => {
    const { call, events, service } = setup();
    const dn = 'CN=Jane Doe,OU=Helpdesk,DC=corp,DC=example,DC=test';
    const user = await service.handlers.getUser({ dn }, { emit() {} });
    const change = changeOf(user, { addProxyAddresses: ['smtp:jane@corp.example.test'] });
    const result = await call(channels.applyChange, { jobId: 'job-1', change });
    expect(result.ok).toBe(true);
    // The workflow (electron/node/workflow) with the Training directory's simulated servers: every
    // step ends done or skipped, the write last, and the wire lines travel with the job id.
    const final = new Map(events.flatMap((e) => (e.type === 'stepChanged' ? [[e.stepId, e.state] as const] : [])));
    expect([...final.keys()][0]).toBe('findServers');
    expect([...final.keys()].at(-1)).toBe('write');
    expect(final.get('write')).toBe('done');
    expect(final.get('systemAttendant:EXCH02')).toBe('done');
    expect([...final.values()].every((s) => s === 'done' || s === 'skipped')).toBe(true);
    expect(events.every((e) => e.jobId === 'job-1')).toBe(true);
    expect(events.some((e) => e.type === 'wire')).toBe(true);
  });
});

describe('main enforces the address rules before any write', () => {
  it('refuses a change that adds an invalid address and leaves the directory as it was', async () => {
    const { call, service } = setup();
    const dn = 'CN=Jane Doe,OU=Helpdesk,DC=corp,DC=example,DC=test';
    const before = await service.handlers.getUser({ dn }, { emit() {} });
    for (const bad of ['smtp:jane doe@corp.example.test', 'smtp:jane@@corp.example.test', 'SMTP:jane.doe@corp.example.test', 'smtp:"quoted"@corp.example.test']) {
      const change = changeOf(before, { addProxyAddresses: [bad] });
      const result = await call(channels.applyChange, { jobId: 'job-bad', change });
      expect(result, bad).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    expect((await service.handlers.getUser({ dn }, { emit() {} })).proxyAddresses).toEqual(before.proxyAddresses);
  });
});
