// The Training directory's Exchange servers: simulated answers to seed steps 3–6, with the
// transcript lines the real probes would write (the seed's NetMon style) and short pauses so a
// trainer can follow the flow. A trainingScenario makes the oldest server fail in one way, to show
// the original's failover and its dialogs. No packet leaves the computer.
import { AppError, type AppErrorData } from '../../../shared/errors.ts';
import type { ExchangeServer } from '../../../shared/model/directory.ts';
import { staticPortFor, type TrainingScenario } from '../../../shared/model/workflow.ts';
import type { TranscriptSink, WireProtocol } from '../../../shared/transcript.ts';
import type { PingResult } from '../ping/pinger.ts';
import { SCM_ACCESS_DENIED_HINT, type ScmOutcome } from '../probes/scmProbe.ts';
import type { BindOutcome, EndpointOutcome, ProbeCallOptions, ServerProbes } from './probes.ts';

/** Pauses per step, in ms (before `delayScale`); within the brief's 100–300 ms. */
export const SIMULATED_DELAYS = { ping: 120, pingTimeout: 300, scm: 250, endpoint: 150, bind: 180, bindTimeout: 300, pace: 150 } as const;

export interface SimulatedProbeOptions {
  scenario: TrainingScenario;
  /** The server the scenario's fault hits (the oldest one). */
  target: string;
  /** 1 = the pauses above; 0 = none (unit tests). */
  delayScale?: number;
  /** The account shown in the SMB2 logon line. */
  account?: string;
  saPort?: number;
  /** KB 270836: static System Attendant ports by server name or host. */
  staticPorts?: Readonly<Record<string, number>>;
}

const SA_UUID = '469D6EC0-0D87-11CE-B13F-00AA003BAC6C';
const EPM_UUID = 'E1AF8308-5D1F-11C9-91A4-08002B14A0FA';

/** A documentation address (RFC 5737 TEST-NET-1) per server, for the transcript only. */
export function simulatedAddress(server: ExchangeServer): string {
  const digits = /(\d+)$/.exec(server.name)?.[1];
  return `192.0.2.${digits ? 10 + (Number(digits) % 200) : 50}`;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return signal?.aborted ? Promise.reject(cancelled()) : Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function cancelled(): AppError {
  return new AppError({ kind: 'cancelled', message: 'The simulated probe was cancelled.' });
}

function note(transcript: TranscriptSink, server: ExchangeServer, what: string, protocol: WireProtocol): void {
  transcript.add('note', protocol, `Simulated ${what} of ${server.name} (Training directory): no packet is sent; the lines show what the original sends.`);
}

export class SimulatedProbes implements ServerProbes {
  readonly kind = 'simulated' as const;
  private readonly scale: number;
  private readonly account: string;
  private readonly saPort: number;

  constructor(private readonly options: SimulatedProbeOptions) {
    this.scale = options.delayScale ?? 1;
    this.account = options.account ?? 'TRAINING\\trainer';
    this.saPort = options.saPort ?? 4560;
  }

  private hits(server: ExchangeServer, ...scenarios: TrainingScenario[]): boolean {
    if (this.options.scenario === 'noServer' && scenarios.includes('noServer')) return true;
    return server.name.toUpperCase() === this.options.target.toUpperCase() && scenarios.includes(this.options.scenario);
  }

  private wait(ms: number, signal?: AbortSignal): Promise<void> {
    return sleep(Math.round(ms * this.scale), signal);
  }

  async pace(signal?: AbortSignal): Promise<void> {
    await this.wait(SIMULATED_DELAYS.pace, signal);
  }

  async ping(server: ExchangeServer, { transcript, signal }: ProbeCallOptions): Promise<PingResult> {
    const address = simulatedAddress(server);
    note(transcript, server, 'ping', 'ICMP');
    transcript.add('clientToServer', 'ICMP', `Echo Request to ${server.host} [${address}]`);
    if (this.hits(server, 'noPing', 'noServer')) {
      await this.wait(SIMULATED_DELAYS.pingTimeout, signal);
      transcript.add('note', 'ICMP', `No echo reply from ${server.host}: timeout (a real ping waits its full timeout)`);
      return { alive: false, host: server.host, failure: 'timeout', detail: 'no echo reply (simulated)' };
    }
    await this.wait(SIMULATED_DELAYS.ping, signal);
    transcript.add('serverToClient', 'ICMP', `Echo Reply from ${address}, time=1 ms`);
    return { alive: true, host: server.host, address, rttMs: 1 };
  }

  async scm(server: ExchangeServer, { transcript, signal }: ProbeCallOptions): Promise<ScmOutcome> {
    const machine = server.name.toUpperCase();
    const host = server.host;
    const t = (d: 'c' | 's', protocol: 'SMB2' | 'MSRPC' | 'SVCCTL', text: string) =>
      transcript.add(d === 'c' ? 'clientToServer' : 'serverToClient', protocol, text);
    note(transcript, server, 'Service Control Manager query', 'SVCCTL');
    await this.wait(SIMULATED_DELAYS.scm / 2, signal);
    t('c', 'SMB2', 'NEGOTIATE Request, Dialects=2.0.2,2.1 SecurityMode=0x0003');
    t('s', 'SMB2', 'NEGOTIATE Response, Dialect=2.1 SecurityMode=0x0003, Status = STATUS_SUCCESS');
    t('c', 'SMB2', 'SESSION_SETUP Request, SPNEGO NTLMSSP_NEGOTIATE');
    t('s', 'SMB2', `SESSION_SETUP Response, NTLMSSP_CHALLENGE Target=${machine}, Status = STATUS_MORE_PROCESSING_REQUIRED`);
    t('c', 'SMB2', `SESSION_SETUP Request, NTLMSSP_AUTH User=${this.account}`);
    t('s', 'SMB2', 'SESSION_SETUP Response, SessionFlags=0x0000 (signed), Status = STATUS_SUCCESS');
    t('c', 'SMB2', `TREE_CONNECT Request, Path=\\\\${machine}\\IPC$`);
    t('s', 'SMB2', 'TREE_CONNECT Response, TreeId=0x00000001, Status = STATUS_SUCCESS');
    t('c', 'SMB2', 'CREATE Request, Name=svcctl');
    t('s', 'SMB2', 'CREATE Response, FileId=00000001-00000001, Status = STATUS_SUCCESS');
    t('c', 'MSRPC', 'c/o Bind: UUID{367ABB81-9844-35F1-AD32-98F038001003} svcctl Call=0x1 Assoc Grp=0x0 Xmit=0x10B8 Recv=0x10B8');
    t('s', 'MSRPC', 'c/o Bind Ack: Call=0x1 Assoc Grp=0x12D1 Xmit=0x10B8 Recv=0x10B8');
    t('c', 'SVCCTL', `ROpenSCManagerW Request, Machine=\\\\${machine} Database=NULL Access=0x00000004`);
    await this.wait(SIMULATED_DELAYS.scm / 2, signal);
    const elapsedMs = SIMULATED_DELAYS.scm;
    const closeAll = (handles: number) => {
      for (let i = 0; i < handles; i++) {
        t('c', 'SVCCTL', 'RCloseServiceHandle Request');
        t('s', 'SVCCTL', 'RCloseServiceHandle Response, Status = ERROR_SUCCESS');
      }
      t('c', 'SMB2', 'CLOSE Request, FileId=00000001-00000001');
      t('s', 'SMB2', 'CLOSE Response, FileId=00000001-00000001, Status = STATUS_SUCCESS');
    };
    if (this.hits(server, 'scmDenied')) {
      t('s', 'SVCCTL', 'ROpenSCManagerW Response, Status = ERROR_ACCESS_DENIED');
      closeAll(0);
      const error: AppErrorData = { kind: 'accessDenied', code: 5, message: `ROpenSCManagerW on ${machine}: ERROR_ACCESS_DENIED (5)` };
      return {
        outcome: 'accessDenied',
        host,
        service: 'MSExchangeSA',
        stage: 'openSCManager',
        code: 5,
        message: `${host} denied ${this.account} access to its Service Control Manager (ROpenSCManagerW: ERROR_ACCESS_DENIED, 5).`,
        hint: SCM_ACCESS_DENIED_HINT,
        error,
        elapsedMs,
      };
    }
    t('s', 'SVCCTL', 'ROpenSCManagerW Response, Status = ERROR_SUCCESS');
    t('c', 'SVCCTL', 'ROpenServiceW Request, ServiceName=MSExchangeSA DesiredAccess=0x00000004');
    t('s', 'SVCCTL', 'ROpenServiceW Response, Status = ERROR_SUCCESS');
    t('c', 'SVCCTL', 'RQueryServiceStatus Request');
    if (this.hits(server, 'saStopped')) {
      t('s', 'SVCCTL', 'RQueryServiceStatus Response, State=0x00000001: SERVICE_STOPPED, Status = ERROR_SUCCESS');
      closeAll(2);
      return {
        outcome: 'notRunning',
        host,
        service: 'MSExchangeSA',
        state: 1,
        stateName: 'SERVICE_STOPPED',
        message: `The service MSExchangeSA on ${host} is not running: its state is 0x00000001 SERVICE_STOPPED.`,
        elapsedMs,
      };
    }
    t('s', 'SVCCTL', 'RQueryServiceStatus Response, State=0x00000004: SERVICE_RUNNING, Status = ERROR_SUCCESS');
    closeAll(2);
    return { outcome: 'running', host, service: 'MSExchangeSA', state: 4, stateName: 'SERVICE_RUNNING', elapsedMs };
  }

  async endpoint(server: ExchangeServer, { transcript, signal }: ProbeCallOptions): Promise<EndpointOutcome> {
    const staticPort = staticPortFor(this.options.staticPorts ?? {}, server);
    if (staticPort !== null) {
      transcript.add('note', 'EPM', `Static port ${staticPort} (KB 270836): the endpoint mapper is not asked.`);
      return { outcome: 'mapped', port: staticPort, source: 'static' };
    }
    note(transcript, server, 'endpoint mapper query', 'EPM');
    transcript.add('clientToServer', 'MSRPC', `c/o Bind: UUID{${EPM_UUID}} Endpoint Mapper Call=0x1 Assoc Grp=0x0 Xmit=0x16D0 Recv=0x16D0`);
    transcript.add('serverToClient', 'MSRPC', 'c/o Bind Ack: Call=0x1 Assoc Grp=0x4DE1 Xmit=0x16D0 Recv=0x16D0');
    transcript.add('clientToServer', 'EPM', 'Request: ept_map: NDR, System Attendant v16.1, RPC v5, 0.0.0.0:135 (0x87) [DCE endpoint resolution(135)]');
    await this.wait(SIMULATED_DELAYS.endpoint, signal);
    if (this.hits(server, 'endpointMissing')) {
      transcript.add('serverToClient', 'EPM', 'Response: ept_map: status ept_s_not_registered (0x16C9A0D6), 0 towers');
      return {
        outcome: 'notRegistered',
        error: {
          kind: 'win32',
          code: 1753,
          message: `The endpoint mapper of ${server.name} has no entry for the System Attendant (ept_s_not_registered; Win32 1753 EPT_S_NOT_REGISTERED).`,
        },
      };
    }
    const port = this.saPort;
    transcript.add('serverToClient', 'EPM', `Response: ept_map: NDR, System Attendant v16.0, RPC v5, ${simulatedAddress(server)}:${port} (0x${port.toString(16).toUpperCase()}) [${port}]`);
    return { outcome: 'mapped', port, source: 'endpointMapper' };
  }

  async bind(server: ExchangeServer, port: number, { transcript, signal }: ProbeCallOptions): Promise<BindOutcome> {
    note(transcript, server, 'System Attendant bind', 'MSRPC');
    transcript.add('note', 'TCP', `Connecting to ${server.name} (${simulatedAddress(server)}) TCP ${port}`);
    if (this.hits(server, 'saPortBlocked')) {
      await this.wait(SIMULATED_DELAYS.bindTimeout, signal);
      transcript.add('note', 'TCP', `No answer from ${simulatedAddress(server)}:${port} (a firewall drops the port; a real connect waits its full timeout)`);
      return {
        outcome: 'unreachable',
        port,
        failure: 'timedOut',
        error: { kind: 'timeout', message: `${server.name} did not answer the connection attempt on TCP ${port}.`, details: { failure: 'timedOut' } },
      };
    }
    transcript.add('clientToServer', 'MSRPC', `c/o Bind: UUID{${SA_UUID}} System Attendant Call=0x1 Assoc Grp=0x0 Xmit=0x16D0 Recv=0x16D0`);
    await this.wait(SIMULATED_DELAYS.bind, signal);
    transcript.add('serverToClient', 'MSRPC', 'c/o Bind Ack: Call=0x1 Assoc Grp=0x4DE1 Xmit=0x16D0 Recv=0x16D0');
    return { outcome: 'accepted', port };
  }
}
