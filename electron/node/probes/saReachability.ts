// Can we reach the Exchange System Attendant? The seed's steps 5 and 6: ask the host's endpoint
// mapper for the SA interface's port (or use a static port, KB 270836), connect to that port and
// bind to the interface. The original did not try another server once it had a port (step 6), so
// the result says precisely what failed and the caller decides.
import { AppError, toErrorData, type AppErrorData } from '../../../shared/errors.ts';
import type { TranscriptSink } from '../../../shared/transcript.ts';
import { mapTcpEndpoint } from '../dcerpc/endpointMapper.ts';
import { SYSTEM_ATTENDANT } from '../dcerpc/interfaces/knownInterfaces.ts';
import { RpcClient, type BindAccepted, type InterfaceId } from '../dcerpc/rpcClient.ts';
import { connectTcp, type ConnectFailure } from '../dcerpc/tcpTransport.ts';

/** The interface the original's extension bound to; a setting because which one it was is not proven. */
export const DEFAULT_SA_INTERFACE: InterfaceId = { uuid: SYSTEM_ATTENDANT.uuid, major: SYSTEM_ATTENDANT.major, minor: SYSTEM_ATTENDANT.minor };
export const DEFAULT_SA_TIMEOUT_MS = 5000;

export interface SaProbeSettings {
  /** Interface UUID and version to map and bind (default 469d6ec0-0d87-11ce-b13f-00aa003bac6c v16.1). */
  iface?: InterfaceId;
  /** Deadline of each step (endpoint mapper connect, ept_map, SA connect, bind). */
  timeoutMs?: number;
  /** KB 270836: the SA's static port; the endpoint mapper is skipped. */
  staticPort?: number;
}

export type SaStage = 'endpointMapper' | 'systemAttendant';

export type SaReachability =
  | { outcome: 'accepted'; host: string; port: number; portSource: 'endpointMapper' | 'static'; bind: BindAccepted; elapsedMs: number }
  | { outcome: 'rejected'; host: string; port: number; portSource: 'endpointMapper' | 'static'; reason: string; error: AppErrorData; elapsedMs: number }
  | {
      outcome: 'unreachable';
      host: string;
      stage: SaStage;
      /** The port we could not reach (135 for the endpoint mapper). */
      port: number;
      failure: ConnectFailure;
      error: AppErrorData;
      elapsedMs: number;
    }
  /** ept_s_not_registered: Win32 1753, the original's c00706d9. */
  | { outcome: 'notRegistered'; host: string; error: AppErrorData; elapsedMs: number }
  /** Anything else: a fault, malformed data, a cancel. */
  | { outcome: 'failed'; host: string; stage: SaStage; error: AppErrorData; elapsedMs: number };

function failureOf(error: unknown): ConnectFailure | undefined {
  if (!(error instanceof AppError)) return undefined;
  const failure = (error.details as { failure?: ConnectFailure } | undefined)?.failure;
  if (failure) return failure;
  return error.kind === 'timeout' ? 'timedOut' : undefined;
}

export async function probeSystemAttendant(
  host: string,
  settings: SaProbeSettings = {},
  options: { signal?: AbortSignal; transcript?: TranscriptSink } = {},
): Promise<SaReachability> {
  const iface = settings.iface ?? DEFAULT_SA_INTERFACE;
  const timeoutMs = settings.timeoutMs ?? DEFAULT_SA_TIMEOUT_MS;
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);

  let port: number;
  const portSource = settings.staticPort !== undefined ? 'static' : 'endpointMapper';
  if (settings.staticPort !== undefined) {
    port = settings.staticPort;
    options.transcript?.add('note', 'EPM', `Static port ${port} (KB 270836): endpoint mapper skipped.`);
  } else {
    try {
      const mapped = await mapTcpEndpoint(host, iface, { timeoutMs, signal: options.signal, transcript: options.transcript });
      port = mapped.ports[0]!;
    } catch (error) {
      const data = toErrorData(error);
      if (data.kind === 'win32' && data.code === 1753) return { outcome: 'notRegistered', host, error: data, elapsedMs: elapsed() };
      const failure = failureOf(error);
      if (failure && (data.kind === 'connect' || data.kind === 'timeout')) {
        return { outcome: 'unreachable', host, stage: 'endpointMapper', port: 135, failure, error: data, elapsedMs: elapsed() };
      }
      return { outcome: 'failed', host, stage: 'endpointMapper', error: data, elapsedMs: elapsed() };
    }
  }

  let client: RpcClient | undefined;
  try {
    const transport = await connectTcp(host, port, { timeoutMs, signal: options.signal });
    client = new RpcClient(transport, { timeoutMs, transcript: options.transcript });
    const bind = await client.bind(iface, options.signal);
    return { outcome: 'accepted', host, port, portSource, bind, elapsedMs: elapsed() };
  } catch (error) {
    const data = toErrorData(error);
    if (data.kind === 'rpcBindRejected') {
      const reason = (data.details as { reason?: string } | undefined)?.reason ?? 'unknown';
      return { outcome: 'rejected', host, port, portSource, reason, error: data, elapsedMs: elapsed() };
    }
    const failure = failureOf(error);
    if (failure && (data.kind === 'connect' || data.kind === 'timeout')) {
      // The seed (step 6): when the mapped port does not answer, the original showed
      // "There are no more endpoints available from the endpoint mapper." (c00706d9).
      const hint = `${data.hint ?? ''} The original tool reported this case as c00706d9 and did not try another server.`.trim();
      return { outcome: 'unreachable', host, stage: 'systemAttendant', port, failure, error: { ...data, hint }, elapsedMs: elapsed() };
    }
    return { outcome: 'failed', host, stage: 'systemAttendant', error: data, elapsedMs: elapsed() };
  } finally {
    await client?.close();
  }
}
