// Seed steps 3–6: choose the Exchange server whose System Attendant will be asked, with the
// original's failover rules. Ping fails, or MSExchangeSA is not running (or the SCM refuses us):
// the next server. No server left: c10308a2. Once a server passed the SCM step, an endpoint-mapper
// or System Attendant failure ends the workflow with c00706d9; no other server is tried.
//
// failover 'parallel' (AddressDesk): the ping+SCM of every server run at once, but the choice is
// still the original's (the oldest that passes), so the result equals 'sequential' while the wall
// time is that of the slowest probe needed, not the sum of timeouts. Younger servers' wire lines
// are held back until the original would have reached them, so the transcript reads in its order.
import { toErrorData, type AppErrorData } from '../../../shared/errors.ts';
import type { ExchangeServer } from '../../../shared/model/directory.ts';
import { serverStepId, serverSteps, type ChosenServer, type FailoverMode, type ServerAttempt } from '../../../shared/model/workflow.ts';
import type { TranscriptSink, WireDirection, WireProtocol } from '../../../shared/transcript.ts';
import type { ScmOutcome } from '../probes/scmProbe.ts';
import { endpointError, noServerError, pingHint } from './explain.ts';
import type { ServerProbes } from './probes.ts';
import type { StepBoard } from './stepBoard.ts';

export interface SelectionContext {
  servers: readonly ExchangeServer[];
  probes: ServerProbes;
  failover: FailoverMode;
  board: StepBoard;
  transcript: TranscriptSink;
  signal?: AbortSignal;
}

export interface Selection {
  chosen: ChosenServer;
  attempts: ServerAttempt[];
  /** From the first ping to the accepted bind. */
  elapsedMs: number;
  /** From the first ping to the server that passed the SCM step. */
  choiceMs: number;
}

/** Holds lines back until release(), then passes them (and later ones) on in order. */
class HeldSink implements TranscriptSink {
  private held: [WireDirection, WireProtocol, string][] | null = [];
  constructor(private readonly target: TranscriptSink) {}
  add(direction: WireDirection, protocol: WireProtocol, text: string): void {
    if (this.held) this.held.push([direction, protocol, text]);
    else this.target.add(direction, protocol, text);
  }
  release(): void {
    const lines = this.held ?? [];
    this.held = null;
    for (const [d, p, t] of lines) this.target.add(d, p, t);
  }
  drop(): void {
    this.held = [];
  }
}

type PhaseResult = { passed: true; attempt: ServerAttempt } | { passed: false; attempt: ServerAttempt } | { passed: 'stopped' };

const ids = (server: ExchangeServer) => serverSteps.map((s) => serverStepId(s, server.name));

function caught(error: unknown): AppErrorData {
  return toErrorData(error);
}

function scmVerdict(outcome: ScmOutcome): { detail: string; hint?: string } {
  switch (outcome.outcome) {
    case 'running':
      return { detail: `${outcome.service} is running (SERVICE_RUNNING)` };
    case 'notRunning':
      return { detail: outcome.message };
    case 'failed':
      return { detail: outcome.message };
    default:
      return { detail: outcome.message, hint: outcome.hint };
  }
}

/** Steps 3 and 4 on one server. `stopped()` says the caller no longer wants its results. */
async function pingAndScm(server: ExchangeServer, context: SelectionContext, transcript: TranscriptSink, signal: AbortSignal | undefined, stopped: () => boolean): Promise<PhaseResult> {
  const { board, probes } = context;
  const [pingId, scmId, epmId, saId] = ids(server) as [string, string, string, string];
  const attempt = (stage: ServerAttempt['stage'], passed: boolean, message: string, hint?: string): ServerAttempt => ({
    server: server.name,
    host: server.host,
    stage,
    passed,
    message,
    ...(hint ? { hint } : {}),
  });

  board.running(pingId, `Echo request to ${server.host}`);
  const ping = await probes.ping(server, { transcript, ...(signal ? { signal } : {}) }).catch((error: unknown) => {
    const data = caught(error);
    return { alive: false as const, host: server.host, failure: 'unreachable' as const, detail: data.message };
  });
  if (stopped()) return { passed: 'stopped' };
  if (!ping.alive) {
    const message = `no reply to ping (${ping.failure}${ping.detail ? `: ${ping.detail}` : ''}).`;
    board.failed(pingId, `No reply from ${server.host}: ${ping.failure}`, { kind: ping.failure === 'timeout' ? 'timeout' : 'connect', message: `${server.name} ${message}`, hint: pingHint() });
    board.skipUnfinished([scmId, epmId, saId], `Not asked: ${server.name} did not answer the ping; the original goes on to the next server.`);
    return { passed: false, attempt: attempt('ping', false, message, pingHint()) };
  }
  board.done(pingId, `Reply from ${ping.address ?? ping.host} in ${ping.rttMs} ms`);

  board.running(scmId, `Is MSExchangeSA running on ${server.name}?`);
  const scm: ScmOutcome = await probes.scm(server, { transcript, ...(signal ? { signal } : {}) }).catch((error: unknown) => {
    const data = caught(error);
    return { outcome: 'failed' as const, host: server.host, stage: 'connect' as const, message: data.message, error: data, elapsedMs: 0 };
  });
  if (stopped()) return { passed: 'stopped' };
  const verdict = scmVerdict(scm);
  if (scm.outcome === 'running') {
    board.done(scmId, verdict.detail);
    return { passed: true, attempt: attempt('scm', true, verdict.detail) };
  }
  const error: AppErrorData =
    'error' in scm ? { ...scm.error, ...(verdict.hint ? { hint: verdict.hint } : {}) } : { kind: 'unavailable', message: verdict.detail };
  board.failed(scmId, verdict.detail, error);
  board.skipUnfinished([epmId, saId], `Not asked: MSExchangeSA is not usable on ${server.name}; the original goes on to the next server.`);
  return { passed: false, attempt: attempt('scm', false, verdict.detail, verdict.hint) };
}

export async function selectServer(context: SelectionContext): Promise<Selection> {
  const { servers, failover, board, transcript, signal } = context;
  const started = performance.now();
  const attempts: ServerAttempt[] = [];
  let chosenIndex = -1;

  if (failover === 'sequential' || servers.length < 2) {
    for (let i = 0; i < servers.length && chosenIndex < 0; i++) {
      signal?.throwIfAborted();
      const result = await pingAndScm(servers[i]!, context, transcript, signal, () => false);
      if (result.passed === 'stopped') break;
      attempts.push(result.attempt);
      if (result.passed) chosenIndex = i;
    }
  } else {
    transcript.add('note', 'ICMP', `Faster failover: pinging and querying ${servers.map((s) => s.name).join(', ')} at once; the choice stays the original's (the oldest that passes).`);
    const controllers = servers.map(() => new AbortController());
    const sinks = servers.map(() => new HeldSink(transcript));
    const cut = new Set<number>();
    const tasks = servers.map((server, i) => {
      const own = signal ? AbortSignal.any([signal, controllers[i]!.signal]) : controllers[i]!.signal;
      return pingAndScm(server, context, sinks[i]!, own, () => cut.has(i));
    });
    try {
      for (let i = 0; i < servers.length; i++) {
        sinks[i]!.release();
        const result = await tasks[i]!;
        if (result.passed === 'stopped') break;
        attempts.push(result.attempt);
        if (result.passed) {
          chosenIndex = i;
          for (let j = i + 1; j < servers.length; j++) {
            cut.add(j);
            sinks[j]!.drop();
            controllers[j]!.abort();
          }
          break;
        }
      }
    } finally {
      for (const c of controllers) c.abort();
      await Promise.allSettled(tasks);
    }
    if (chosenIndex >= 0) {
      const chosen = servers[chosenIndex]!.name;
      for (const server of servers.slice(chosenIndex + 1)) {
        board.skipUnfinished(ids(server), `Not needed: ${chosen} passed first (the original uses the oldest server that passes).`, { running: true });
      }
    }
  }
  signal?.throwIfAborted();
  const choiceMs = Math.round(performance.now() - started);

  if (chosenIndex < 0) throw noServerError(attempts, servers.length);
  const server = servers[chosenIndex]!;
  const [, , epmId, saId] = ids(server) as [string, string, string, string];
  const later = servers.slice(chosenIndex + 1).flatMap(ids);
  board.skipUnfinished(later, `Not tried: ${server.name} passed the Service Control Manager step; from here on the original uses only that server.`);

  // Step 5: the System Attendant's port.
  board.running(epmId, `ept_map for the System Attendant on ${server.name} (TCP 135)`);
  const endpoint = await context.probes.endpoint(server, { transcript, ...(signal ? { signal } : {}) }).catch((error: unknown) => ({ outcome: 'failed' as const, error: caught(error) }));
  signal?.throwIfAborted();
  if (endpoint.outcome !== 'mapped') {
    const error = endpointError(server.name, 'endpointMapper', endpoint, attempts);
    board.failed(epmId, error.message, error.toData());
    board.skipUnfinished([saId], 'Not asked: no port for the System Attendant.');
    attempts[attempts.length - 1] = { ...attempts.at(-1)!, stage: 'endpointMapper', passed: false, message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
    throw endpointError(server.name, 'endpointMapper', endpoint, attempts);
  }
  if (endpoint.source === 'static') board.skipped(epmId, `Static port ${endpoint.port} (KB 270836): the endpoint mapper is not asked.`);
  else board.done(epmId, `System Attendant at TCP ${endpoint.port}`);

  // Step 6: bind to it.
  board.running(saId, `Bind to the System Attendant on ${server.name} TCP ${endpoint.port}`);
  const bind = await context.probes.bind(server, endpoint.port, { transcript, ...(signal ? { signal } : {}) }).catch((error: unknown) => ({ outcome: 'failed' as const, port: endpoint.port, error: caught(error) }));
  signal?.throwIfAborted();
  if (bind.outcome !== 'accepted') {
    const first = endpointError(server.name, 'systemAttendant', bind, attempts);
    board.failed(saId, first.message, first.toData());
    attempts[attempts.length - 1] = { ...attempts.at(-1)!, stage: 'systemAttendant', passed: false, message: first.message, ...(first.hint ? { hint: first.hint } : {}) };
    throw endpointError(server.name, 'systemAttendant', bind, attempts);
  }
  board.done(saId, `Bind accepted on TCP ${bind.port}`);
  attempts[attempts.length - 1] = { ...attempts.at(-1)!, stage: 'systemAttendant', passed: true, message: `MSExchangeSA running; System Attendant bind accepted on TCP ${bind.port}.` };
  return {
    chosen: { name: server.name, host: server.host, port: bind.port, portSource: endpoint.source },
    attempts,
    elapsedMs: Math.round(performance.now() - started),
    choiceMs,
  };
}
