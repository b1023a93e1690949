// Is the System Attendant running? The seed's step 4: log on to the host over SMB2, open
// \PIPE\svcctl, ROpenSCManagerW, ROpenServiceW(MSExchangeSA), RQueryServiceStatus, then
// RCloseServiceHandle for both handles. The outcome says what the workflow needs to decide
// (try the next server or not) and, for the failures, what the helpdesk person can do.
import { hex32, toErrorData, type AppErrorData } from '../../../shared/errors.ts';
import type { TranscriptSink } from '../../../shared/transcript.ts';
import {
  SC_MANAGER_ENUMERATE_SERVICE,
  SERVICE_QUERY_STATUS,
  serviceStateName,
  SVCCTL_PIPE,
  Win32Error,
  type ScHandle,
  type ServiceStateName,
} from '../dcerpc/interfaces/scmr/constants.ts';
import { ScmrClient } from '../dcerpc/interfaces/scmr/scmrClient.ts';
import { RpcClient } from '../dcerpc/rpcClient.ts';
import type { ConnectFailure } from '../dcerpc/tcpTransport.ts';
import type { NtlmCredentials } from '../ntlm/credentials.ts';
import { accountLabel } from '../ntlm/credentials.ts';
import { openPipeTransport } from '../smb2/pipeTransport.ts';

export const DEFAULT_SERVICE_NAME = 'MSExchangeSA';
export const DEFAULT_SCM_TIMEOUT_MS = 5000;

export interface ScmProbeOptions {
  /** Address or name to connect to. */
  host: string;
  /** The NetBIOS name for "\\HOST" in ROpenSCManagerW; defaults to `host` upper-cased. */
  machineName?: string;
  credentials: NtlmCredentials;
  /** A setting; the original asks for MSExchangeSA. */
  serviceName?: string;
  /** Deadline of the TCP connect and of each SMB2 request and RPC call. */
  timeoutMs?: number;
  port?: number;
  signal?: AbortSignal;
  transcript?: TranscriptSink;
}

/** Where the SCM query stopped. */
export type ScmStage = 'connect' | 'logon' | 'pipe' | 'bind' | 'openSCManager' | 'openService' | 'queryStatus';

export type ScmOutcome =
  | { outcome: 'running'; host: string; service: string; state: 4; stateName: 'SERVICE_RUNNING'; elapsedMs: number }
  /** Stopped, paused or pending: the original goes on to the next server. */
  | { outcome: 'notRunning'; host: string; service: string; state: number; stateName: ServiceStateName | 'unknown'; message: string; elapsedMs: number }
  /** ERROR_SERVICE_DOES_NOT_EXIST (1060): no System Attendant on that host. */
  | { outcome: 'serviceMissing'; host: string; service: string; code: 1060; message: string; hint: string; elapsedMs: number }
  /** ERROR_ACCESS_DENIED (5) from the SCM, or STATUS_ACCESS_DENIED on the pipe. */
  | { outcome: 'accessDenied'; host: string; service: string; stage: ScmStage; code: number; message: string; hint: string; error: AppErrorData; elapsedMs: number }
  /** Wrong user or password, locked or expired account. */
  | { outcome: 'logonFailure'; host: string; account: string; code: number; message: string; hint: string; error: AppErrorData; elapsedMs: number }
  /** No TCP connection to 445: timeout (dropped) or refused/unreachable. */
  | { outcome: 'unreachable'; host: string; port: number; failure: ConnectFailure; message: string; hint: string; error: AppErrorData; elapsedMs: number }
  /** Anything else: another NTSTATUS or Win32 error, an RPC fault, malformed data, a cancel. */
  | { outcome: 'failed'; host: string; stage: ScmStage; message: string; error: AppErrorData; elapsedMs: number };

/** Why a non-administrator is refused, which the original never said (seed step 4). */
export const SCM_ACCESS_DENIED_HINT =
  'Since Windows Server 2003 SP1, only members of the local Administrators group of the Exchange server may query ' +
  'its Service Control Manager remotely (KB 907460, KB 905809). Use an account that is in the local Administrators ' +
  "group of that server, or have its administrator apply the Service Control Manager permission change from KB 907460.";

export async function probeScm(options: ScmProbeOptions): Promise<ScmOutcome> {
  const service = options.serviceName ?? DEFAULT_SERVICE_NAME;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SCM_TIMEOUT_MS;
  const host = options.host;
  const port = options.port ?? 445;
  const serverName = options.machineName ?? host.toUpperCase();
  const machine = `\\\\${serverName}`;
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  const account = accountLabel(options.credentials);
  let stage: ScmStage = 'connect';

  try {
    stage = 'connect';
    const transport = await openPipeTransport({
      host,
      port,
      credentials: options.credentials,
      pipe: SVCCTL_PIPE,
      serverName,
      timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.transcript ? { transcript: options.transcript } : {}),
      onStage: (s) => (stage = s),
    });
    try {
      stage = 'bind';
      const rpc = new RpcClient(transport, { timeoutMs, protocolLabel: 'SVCCTL', ...(options.transcript ? { transcript: options.transcript } : {}) });
      const scm = new ScmrClient(rpc, options.transcript);
      await scm.bind(options.signal);
      stage = 'openSCManager';
      const manager = await scm.openSCManager(machine, SC_MANAGER_ENUMERATE_SERVICE, options.signal);
      let serviceHandle: ScHandle | undefined;
      try {
        stage = 'openService';
        serviceHandle = await scm.openService(manager, service, SERVICE_QUERY_STATUS, options.signal);
        stage = 'queryStatus';
        const status = await scm.queryServiceStatus(serviceHandle, options.signal);
        const stateName = serviceStateName(status.currentState);
        if (status.currentState === 4) return { outcome: 'running', host, service, state: 4, stateName: 'SERVICE_RUNNING', elapsedMs: elapsed() };
        return {
          outcome: 'notRunning',
          host,
          service,
          state: status.currentState,
          stateName: stateName ?? 'unknown',
          message: `The service ${service} on ${host} is not running: its state is ${hex32(status.currentState)} ${stateName ?? '(unknown)'}.`,
          elapsedMs: elapsed(),
        };
      } finally {
        // The original closes the service handle, then the SCM handle, whatever happened before.
        if (serviceHandle) await scm.closeServiceHandle(serviceHandle, options.signal).catch(() => undefined);
        await scm.closeServiceHandle(manager, options.signal).catch(() => undefined);
      }
    } finally {
      await transport.close();
    }
  } catch (error) {
    const data = toErrorData(error);
    const base = { host, elapsedMs: elapsed() };
    if (data.kind === 'win32' && data.code === Win32Error.ERROR_SERVICE_DOES_NOT_EXIST) {
      return {
        ...base,
        outcome: 'serviceMissing',
        service,
        code: 1060,
        message: `${host} has no service named ${service} (ERROR_SERVICE_DOES_NOT_EXIST, 1060): it does not run Exchange's System Attendant.`,
        hint: 'Check that the server object in the Configuration partition belongs to a live Exchange server, and the service name setting.',
      };
    }
    if (data.kind === 'accessDenied') {
      const scmStage = stage === 'openSCManager' || stage === 'openService' || stage === 'queryStatus';
      return {
        ...base,
        outcome: 'accessDenied',
        service,
        stage,
        code: data.code ?? Win32Error.ERROR_ACCESS_DENIED,
        message: scmStage
          ? `${host} denied ${account} access to its Service Control Manager (${stage === 'openSCManager' ? 'ROpenSCManagerW' : stage === 'openService' ? 'ROpenServiceW' : 'RQueryServiceStatus'}: ERROR_ACCESS_DENIED, 5).`
          : `${host} denied ${account} access to \\PIPE\\svcctl (${data.message}).`,
        hint: SCM_ACCESS_DENIED_HINT,
        error: data,
      };
    }
    if (data.kind === 'auth') {
      return {
        ...base,
        outcome: 'logonFailure',
        account,
        code: data.code ?? 0,
        message: `${host} did not accept the logon of ${account}: ${data.message}`,
        hint: data.hint ?? 'Check the account name, domain and password.',
        error: data,
      };
    }
    const failure = (data.details as { failure?: ConnectFailure } | undefined)?.failure;
    if (stage === 'connect' && (data.kind === 'connect' || data.kind === 'timeout')) {
      const why = failure ?? (data.kind === 'timeout' ? 'timedOut' : 'unreachable');
      return {
        ...base,
        outcome: 'unreachable',
        port,
        failure: why,
        message:
          why === 'timedOut'
            ? `${host} did not answer on TCP ${port} within ${timeoutMs} ms: the host is down or a firewall drops SMB.`
            : why === 'refused'
              ? `${host} refused TCP ${port}: no SMB server listens, or a firewall rejects it.`
              : data.message,
        hint: 'The Service Control Manager is reached over SMB (TCP 445) and the named pipe \\PIPE\\svcctl: open that port between this computer and the Exchange server.',
        error: data,
      };
    }
    return { ...base, outcome: 'failed', stage, message: data.message, error: data };
  }
}
