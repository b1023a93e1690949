// The engine above the probes, with in-memory probe fakes and the in-memory Training directory:
// order, failover rules, preferred server, parallel = sequential, Direct mode, dialogs attached.
// The proof that the probes themselves work is workflow.lab.test.ts (real servers).
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { changeOf, type AddressChange, type ExchangeServer, type UserDetails } from '../../../shared/model/directory.ts';
import { type WorkflowEvent, type WorkflowFailureDetails } from '../../../shared/model/workflow.ts';
import { defaultWorkflowSettings, type WorkflowSettings } from '../../../shared/model/workflowSettings.ts';
import type { PingResult } from '../ping/pinger.ts';
import type { ScmOutcome } from '../probes/scmProbe.ts';
import { TrainingDirectory } from '../training/trainingDirectory.ts';
import type { BindOutcome, EndpointOutcome, ProbeCallOptions, ServerProbes } from './probes.ts';
import { SimulatedProbes } from './simulatedProbes.ts';
import { newAddressesOf, orderServers, runWorkflow } from './workflow.ts';

type Fault = 'noPing' | 'stopped' | 'denied' | 'notRegistered' | 'portDropped' | 'rejected';

/** Probes that answer from a table; every call is logged as "ping:EXCH02". */
class FakeProbes implements ServerProbes {
  readonly kind = 'network' as const;
  readonly calls: string[] = [];
  constructor(
    private readonly faults: Record<string, Fault | undefined> = {},
    private readonly delayMs: { ping?: number; pingTimeout?: number; scm?: number } = {},
  ) {}
  private wait(ms: number | undefined, signal?: AbortSignal): Promise<void> {
    if (!ms) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(t), reject(new AppError({ kind: 'cancelled', message: 'cancelled' }))), { once: true });
    });
  }
  async ping(server: ExchangeServer, o: ProbeCallOptions): Promise<PingResult> {
    this.calls.push(`ping:${server.name}`);
    o.transcript.add('clientToServer', 'ICMP', `Echo Request to ${server.host}`);
    if (this.faults[server.name] === 'noPing') {
      await this.wait(this.delayMs.pingTimeout, o.signal);
      return { alive: false, host: server.host, failure: 'timeout', detail: 'no reply' };
    }
    await this.wait(this.delayMs.ping, o.signal);
    return { alive: true, host: server.host, rttMs: 1 };
  }
  async scm(server: ExchangeServer, o: ProbeCallOptions): Promise<ScmOutcome> {
    this.calls.push(`scm:${server.name}`);
    await this.wait(this.delayMs.scm, o.signal);
    const base = { host: server.host, service: 'MSExchangeSA', elapsedMs: 1 };
    if (this.faults[server.name] === 'stopped') return { ...base, outcome: 'notRunning', state: 1, stateName: 'SERVICE_STOPPED', message: 'MSExchangeSA is stopped.' };
    if (this.faults[server.name] === 'denied') {
      return { ...base, outcome: 'accessDenied', stage: 'openSCManager', code: 5, message: `${server.host} denied access to its Service Control Manager.`, hint: 'KB 907460', error: { kind: 'accessDenied', code: 5, message: 'denied' } };
    }
    return { ...base, outcome: 'running', state: 4, stateName: 'SERVICE_RUNNING' };
  }
  async endpoint(server: ExchangeServer): Promise<EndpointOutcome> {
    this.calls.push(`endpoint:${server.name}`);
    if (this.faults[server.name] === 'notRegistered') return { outcome: 'notRegistered', error: { kind: 'win32', code: 1753, message: 'ept_s_not_registered' } };
    return { outcome: 'mapped', port: 4560, source: 'endpointMapper' };
  }
  async bind(server: ExchangeServer, port: number): Promise<BindOutcome> {
    this.calls.push(`bind:${server.name}`);
    if (this.faults[server.name] === 'portDropped') return { outcome: 'unreachable', port, failure: 'timedOut', error: { kind: 'timeout', message: 'no answer' } };
    if (this.faults[server.name] === 'rejected') return { outcome: 'rejected', port, reason: 'abstract syntax not supported', error: { kind: 'rpcBindRejected', message: 'rejected' } };
    return { outcome: 'accepted', port };
  }
}


async function setup(add: string[] = ['smtp:john.new@corp.example.test']) {
  const directory = new TrainingDirectory(null);
  const users: UserDetails[] = [];
  for await (const page of directory.searchUsers('john.doe')) users.push(...(await Promise.all(page.map((u) => directory.getUser(u.dn)))));
  const user = users.find((u) => u.displayName === 'John Doe')!;
  const change = changeOf(user, { addProxyAddresses: add });
  return { directory, user, change };
}

async function run(probes: ServerProbes, settings: Partial<WorkflowSettings> = {}, add?: string[], extra: { dryRun?: boolean } = {}) {
  const { directory, change, user } = await setup(add);
  const events: WorkflowEvent[] = [];
  const steps = new Map<string, { state: string; detail?: string }>();
  const onEvent = (e: WorkflowEvent) => {
    events.push(e);
    if (e.type === 'stepChanged') steps.set(e.stepId, { state: e.state, ...(e.detail !== undefined ? { detail: e.detail } : {}) });
  };
  const promise = runWorkflow({ directory, change, settings: { ...defaultWorkflowSettings, ...settings }, probes, onEvent, ...extra });
  const outcome = await promise.then(
    (result) => ({ result, error: null }),
    (error: unknown) => ({ result: null, error: error as AppError }),
  );
  const stored = await directory.getUser(user.dn);
  return { ...outcome, events, steps, stored, user };
}

const stateOf = (steps: Map<string, { state: string }>, id: string) => steps.get(id)?.state;

describe('runWorkflow: the original mode', () => {
  for (const failover of ['sequential', 'parallel'] as const) {
    describe(failover, () => {
      it('orders by whenCreated and uses the oldest server (EXCH02), then checks the GC and writes', async () => {
        const probes = new FakeProbes();
        const r = await run(probes, { failover });
        expect(r.error).toBeNull();
        expect(r.result!.chosenServer).toMatchObject({ name: 'EXCH02', port: 4560, portSource: 'endpointMapper' });
        expect(r.steps.get('orderServers')!.detail).toMatch(/^Oldest first: EXCH02 \(created 2003-11-20\), EXCH01 \(created 2004-03-02\), EXCH03/);
        for (const id of ['findServers', 'orderServers', 'ping:EXCH02', 'scm:EXCH02', 'endpointMapper:EXCH02', 'systemAttendant:EXCH02', 'globalCatalog', 'write']) {
          expect(stateOf(r.steps, id), id).toBe('done');
        }
        for (const id of ['endpointMapper:EXCH01', 'systemAttendant:EXCH03']) expect(stateOf(r.steps, id)).toBe('skipped');
        expect(r.stored.proxyAddresses).toContain('smtp:john.new@corp.example.test');
        expect(probes.calls.filter((c) => c.startsWith('endpoint') || c.startsWith('bind'))).toEqual(['endpoint:EXCH02', 'bind:EXCH02']);
        // Every step goes through pending first, and no step is left pending or running.
        const first = new Map<string, string>();
        for (const e of r.events) if (e.type === 'stepChanged' && !first.has(e.stepId)) first.set(e.stepId, e.state);
        expect([...first.values()].every((s) => s === 'pending')).toBe(true);
        expect([...r.steps.values()].every((s) => s.state !== 'pending' && s.state !== 'running')).toBe(true);
        expect(r.events.some((e) => e.type === 'wire' && e.line.protocol === 'MSFTGC')).toBe(true);
      });

      it('ping fails on EXCH02: the next oldest (EXCH01) is used; EXCH02 is not asked further', async () => {
        const probes = new FakeProbes({ EXCH02: 'noPing' });
        const r = await run(probes, { failover });
        expect(r.result!.chosenServer!.name).toBe('EXCH01');
        expect(stateOf(r.steps, 'ping:EXCH02')).toBe('failed');
        expect(stateOf(r.steps, 'scm:EXCH02')).toBe('skipped');
        expect(probes.calls).not.toContain('scm:EXCH02');
        expect(r.result!.attempts.map((a) => [a.server, a.stage, a.passed])).toEqual([
          ['EXCH02', 'ping', false],
          ['EXCH01', 'systemAttendant', true],
        ]);
      });

      it('MSExchangeSA stopped or the SCM refusing us: the next server', async () => {
        const stopped = await run(new FakeProbes({ EXCH02: 'stopped' }), { failover });
        expect(stopped.result!.chosenServer!.name).toBe('EXCH01');
        expect(stateOf(stopped.steps, 'scm:EXCH02')).toBe('failed');
        const denied = await run(new FakeProbes({ EXCH02: 'denied', EXCH01: 'stopped' }), { failover });
        expect(denied.result!.chosenServer!.name).toBe('EXCH03');
      });

      it('no server left: c10308a2 with every server\'s reason, nothing written', async () => {
        const r = await run(new FakeProbes({ EXCH02: 'noPing', EXCH01: 'denied', EXCH03: 'stopped' }), { failover });
        expect(r.error).toBeInstanceOf(AppError);
        const details = r.error!.details as WorkflowFailureDetails;
        expect(details.originalDialog).toMatchObject({ id: 'c10308a2', component: 'Microsoft Active Directory - Exchange Extension' });
        expect(details.originalDialog!.text).toContain('An Exchange server could not be found in the domain.');
        expect(r.error!.message).toMatch(/EXCH02: no reply to ping.*EXCH01: .*denied.*EXCH03: MSExchangeSA is stopped/);
        expect(r.error!.hint).toContain('KB 907460');
        expect(stateOf(r.steps, 'globalCatalog')).toBe('skipped');
        expect(stateOf(r.steps, 'write')).toBe('skipped');
        expect(r.stored.proxyAddresses).toEqual(r.user.proxyAddresses);
      });

      it('all servers refuse the SCM: kind accessDenied (KB 905809: the original still said c10308a2)', async () => {
        const r = await run(new FakeProbes({ EXCH02: 'denied', EXCH01: 'denied', EXCH03: 'denied' }), { failover });
        expect(r.error!.kind).toBe('accessDenied');
        expect((r.error!.details as WorkflowFailureDetails).originalDialog!.id).toBe('c10308a2');
      });

      for (const fault of ['notRegistered', 'portDropped', 'rejected'] as const) {
        it(`after the SCM step, ${fault} gives c00706d9 and no other server is tried`, async () => {
          const probes = new FakeProbes({ EXCH02: fault });
          const r = await run(probes, { failover });
          const details = r.error!.details as WorkflowFailureDetails;
          expect(details.originalDialog).toMatchObject({ id: 'c00706d9', facility: 'Win32', text: 'There are no more endpoints available from the endpoint mapper.' });
          expect(r.error!.message).toContain('does not try another server');
          expect(r.error!.step).toBe(fault === 'notRegistered' ? 'endpointMapper' : 'systemAttendant');
          expect(probes.calls.filter((c) => /^(endpoint|bind)/.test(c) && !c.endsWith('EXCH02'))).toEqual([]);
          if (failover === 'sequential') expect(probes.calls).not.toContain('ping:EXCH01');
          expect(stateOf(r.steps, 'ping:EXCH01') === 'done' ? 'parallel probe' : stateOf(r.steps, 'ping:EXCH01')).toMatch(/skipped|parallel probe/);
          expect(stateOf(r.steps, 'write')).toBe('skipped');
          expect(r.stored.proxyAddresses).toEqual(r.user.proxyAddresses);
        });
      }

      it('a preferred server (KB 895668) goes first', async () => {
        const probes = new FakeProbes();
        const r = await run(probes, { failover, preferredServer: 'exch03' });
        expect(r.result!.chosenServer!.name).toBe('EXCH03');
        expect(r.steps.get('orderServers')!.detail).toMatch(/^Oldest first: EXCH03 .*preferred server \(KB 895668\)/);
        const missing = await run(new FakeProbes(), { failover, preferredServer: 'EXCH09' });
        expect(missing.result!.chosenServer!.name).toBe('EXCH02');
        expect(missing.steps.get('orderServers')!.detail).toContain('not in the list');
      });
    });
  }

  it('parallel chooses exactly as sequential for every combination of faults on two servers', async () => {
    const faults: (Fault | undefined)[] = [undefined, 'noPing', 'stopped', 'denied', 'notRegistered'];
    for (const a of faults) {
      for (const b of faults) {
        const table = { EXCH02: a, EXCH01: b, EXCH03: 'stopped' as const };
        const s = await run(new FakeProbes(table), { failover: 'sequential' });
        const p = await run(new FakeProbes(table), { failover: 'parallel' });
        expect(p.result?.chosenServer ?? null, `${a}/${b}`).toEqual(s.result?.chosenServer ?? null);
        expect((p.error?.details as WorkflowFailureDetails | undefined)?.originalDialog?.id).toBe((s.error?.details as WorkflowFailureDetails | undefined)?.originalDialog?.id);
        expect(p.result?.attempts ?? (p.error?.details as WorkflowFailureDetails).attempts).toEqual(s.result?.attempts ?? (s.error?.details as WorkflowFailureDetails).attempts);
      }
    }
  });

  it('parallel takes the time of the slowest needed probe, sequential the sum of the timeouts', async () => {
    const delays = { ping: 5, pingTimeout: 150, scm: 10 };
    const table = { EXCH02: 'noPing' as const, EXCH01: 'noPing' as const };
    const s = await run(new FakeProbes(table, delays), { failover: 'sequential' });
    const p = await run(new FakeProbes(table, delays), { failover: 'parallel' });
    expect(s.result!.chosenServer!.name).toBe('EXCH03');
    expect(p.result!.chosenServer!.name).toBe('EXCH03');
    expect(s.result!.selectionMs!).toBeGreaterThanOrEqual(300);
    expect(p.result!.selectionMs!).toBeLessThan(250);
  });

  it('parallel keeps the transcript in the original order (younger servers\' lines held back)', async () => {
    const r = await run(new FakeProbes({ EXCH02: 'noPing' }, { ping: 1, pingTimeout: 60 }), { failover: 'parallel' });
    const pings = r.events.flatMap((e) => (e.type === 'wire' && e.line.protocol === 'ICMP' && e.line.direction === 'clientToServer' ? [e.line.text] : []));
    expect(pings[0]).toContain('exch02');
    expect(pings[1]).toContain('exch01');
    expect(pings.join()).not.toContain('exch03');
  });

  it('a dry run stops before the write', async () => {
    const r = await run(new FakeProbes(), {}, undefined, { dryRun: true });
    expect(r.result!.user).toBeNull();
    expect(r.steps.get('write')).toEqual({ state: 'skipped', detail: 'Dry run: nothing written.' });
    expect(r.stored.proxyAddresses).toEqual(r.user.proxyAddresses);
  });
});

describe('runWorkflow: the Global Catalog check', () => {
  it('an address held by another user: c10312e7 naming the holder, nothing written', async () => {
    const r = await run(new FakeProbes(), {}, ['smtp:jane.doe@corp.example.test']);
    expect(r.error!.kind).toBe('conflict');
    expect(r.error!.step).toBe('globalCatalog');
    const details = r.error!.details as WorkflowFailureDetails;
    expect(details.originalDialog).toMatchObject({ id: 'c10312e7', text: 'This e-mail address already exists in this organization.' });
    expect(details.holders!.map((h) => h.displayName)).toEqual(['Jane Doe']);
    expect(r.error!.message).toContain('Jane Doe (CN=Jane Doe,');
    expect(stateOf(r.steps, 'write')).toBe('skipped');
    expect(r.stored.proxyAddresses).toEqual(r.user.proxyAddresses);
  });

  it('a primary switch adds nothing new: straight to the write, no server asked', async () => {
    const { change, directory, user } = await setup();
    const secondary = user.proxyAddresses.find((v) => v.startsWith('smtp:'))!;
    const primary = user.proxyAddresses.find((v) => v.startsWith('SMTP:'))!;
    const switched: AddressChange = {
      ...change,
      addProxyAddresses: [`SMTP:${secondary.slice(5)}`, `smtp:${primary.slice(5)}`],
      removeProxyAddresses: [secondary, primary],
    };
    expect(newAddressesOf(switched)).toEqual([]);
    const probes = new FakeProbes();
    const events: WorkflowEvent[] = [];
    const result = await runWorkflow({ directory, change: switched, settings: defaultWorkflowSettings, probes, onEvent: (e) => events.push(e) });
    expect(probes.calls).toEqual([]);
    expect(result.user!.proxyAddresses).toContain(`SMTP:${secondary.slice(5)}`);
    const states = events.flatMap((e) => (e.type === 'stepChanged' ? [`${e.stepId}=${e.state}`] : []));
    expect(states.filter((s) => s.endsWith('=done'))).toEqual(['write=done']);
  });
});

describe('runWorkflow: Direct mode', () => {
  it('skips steps 1–6 with the Direct mode detail, asks no server, checks the GC and writes', async () => {
    const probes = new FakeProbes({ EXCH02: 'noPing', EXCH01: 'noPing', EXCH03: 'noPing' });
    const r = await run(probes, { mode: 'direct' });
    expect(probes.calls).toEqual([]);
    for (const id of ['findServers', 'orderServers', 'ping', 'scm', 'endpointMapper', 'systemAttendant']) {
      expect(r.steps.get(id)).toEqual({ state: 'skipped', detail: 'Direct mode: no Exchange server needed' });
    }
    expect(stateOf(r.steps, 'globalCatalog')).toBe('done');
    expect(stateOf(r.steps, 'write')).toBe('done');
    expect(r.result!.chosenServer).toBeNull();
    expect(r.stored.proxyAddresses).toContain('smtp:john.new@corp.example.test');
  });
});

describe('orderServers', () => {
  const s = (name: string, whenCreated: string): ExchangeServer => ({ name, host: `${name.toLowerCase()}.x`, dn: `CN=${name}`, whenCreated });
  it('sorts oldest first and puts the preferred server first', () => {
    const list = [s('B', '2005'), s('A', '2004'), s('C', '2006')];
    expect(orderServers(list, null).ordered.map((x) => x.name)).toEqual(['A', 'B', 'C']);
    expect(orderServers(list, 'c.x').ordered.map((x) => x.name)).toEqual(['C', 'A', 'B']);
  });
});

describe('the Training directory\'s simulated servers', () => {
  const simulated = (scenario: WorkflowSettings['trainingScenario']) => new SimulatedProbes({ scenario, target: 'EXCH02', delayScale: 0 });

  it('healthy: EXCH02 with seed-style lines marked as simulated', async () => {
    const r = await run(simulated('healthy'));
    expect(r.result!.chosenServer).toMatchObject({ name: 'EXCH02', port: 4560 });
    const wire = r.events.flatMap((e) => (e.type === 'wire' ? [e.line] : []));
    expect(wire.some((l) => l.direction === 'note' && l.text.startsWith('Simulated'))).toBe(true);
    expect(wire.map((l) => l.text)).toContain('RQueryServiceStatus Response, State=0x00000004: SERVICE_RUNNING, Status = ERROR_SUCCESS');
    expect(wire.map((l) => l.text)).toContain('Response: ept_map: NDR, System Attendant v16.0, RPC v5, 192.0.2.12:4560 (0x11D0) [4560]');
  });

  it('saStopped: a trainer shows the failover to EXCH01', async () => {
    const r = await run(simulated('saStopped'));
    expect(r.result!.chosenServer!.name).toBe('EXCH01');
    expect(r.steps.get('scm:EXCH02')!.detail).toContain('SERVICE_STOPPED');
  });

  it.each([
    ['noServer', 'c10308a2'],
    ['endpointMissing', 'c00706d9'],
    ['saPortBlocked', 'c00706d9'],
  ] as const)('%s gives %s', async (scenario, id) => {
    const r = await run(simulated(scenario));
    expect((r.error!.details as WorkflowFailureDetails).originalDialog!.id).toBe(id);
  });

  it('pauses about 100–300 ms per step at the default scale', async () => {
    const started = performance.now();
    const r = await run(new SimulatedProbes({ scenario: 'healthy', target: 'EXCH02' }), { failover: 'sequential' });
    const elapsed = performance.now() - started;
    expect(r.result!.chosenServer!.name).toBe('EXCH02');
    // 4 server steps + 4 directory paces, each 120–250 ms.
    expect(elapsed).toBeGreaterThan(900);
    expect(elapsed).toBeLessThan(3000);
  });
});

describe('the order of first appearance (a list that appends new step ids)', () => {
  it('is the original order: servers, then each server\'s steps, then the GC check and the write', async () => {
    const r = await run(new FakeProbes());
    const order: string[] = [];
    for (const e of r.events) if (e.type === 'stepChanged' && !order.includes(e.stepId)) order.push(e.stepId);
    expect(order).toEqual([
      'findServers',
      'orderServers',
      ...['EXCH02', 'EXCH01', 'EXCH03'].flatMap((s) => ['ping', 'scm', 'endpointMapper', 'systemAttendant'].map((step) => `${step}:${s}`)),
      'globalCatalog',
      'write',
    ]);
  });

  it('a directory failure in step 1 still lists the GC check and the write as not reached', async () => {
    const { directory, change } = await setup();
    directory.listExchangeServers = async () => {
      throw new AppError({ kind: 'timeout', message: 'The DC did not answer.' });
    };
    const events: WorkflowEvent[] = [];
    await expect(runWorkflow({ directory, change, settings: defaultWorkflowSettings, probes: new FakeProbes(), onEvent: (e) => events.push(e) })).rejects.toMatchObject({ kind: 'timeout', step: 'findServers' });
    const final = new Map(events.flatMap((e) => (e.type === 'stepChanged' ? [[e.stepId, e.state] as const] : [])));
    expect(Object.fromEntries(final)).toEqual({ findServers: 'failed', orderServers: 'skipped', globalCatalog: 'skipped', write: 'skipped' });
  });
});

describe('a write conflict', () => {
  it('fails the write step and keeps the directory\'s conflict details (current) for the UI', async () => {
    const { directory, change } = await setup();
    const stale: AddressChange = { ...change, expected: { ...change.expected, proxyAddresses: change.expected.proxyAddresses.slice(1) } };
    const events: WorkflowEvent[] = [];
    const error = await runWorkflow({ directory, change: stale, settings: defaultWorkflowSettings, probes: new FakeProbes(), onEvent: (e) => events.push(e) }).then(
      () => {
        throw new Error('the stale write must fail');
      },
      (e: unknown) => e as AppError,
    );
    expect(error).toMatchObject({ kind: 'conflict', step: 'write' });
    const details = error.details as WorkflowFailureDetails & { current?: UserDetails };
    expect(details.current?.dn).toBe(change.dn);
    expect(details.originalDialog).toBeNull();
    const last = events.filter((e) => e.type === 'stepChanged').at(-1)!;
    expect(last).toMatchObject({ stepId: 'write', state: 'failed' });
  });
});
