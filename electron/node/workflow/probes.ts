// What the workflow asks of an Exchange server (seed steps 3–6), behind one interface so the
// Training directory can answer with simulated servers and LDAP directories with the real
// network probes (networkProbes.ts). Every method resolves with an outcome; it rejects only on a bug.
import type { AppErrorData } from '../../../shared/errors.ts';
import type { ExchangeServer } from '../../../shared/model/directory.ts';
import type { TranscriptSink } from '../../../shared/transcript.ts';
import type { ConnectFailure } from '../dcerpc/tcpTransport.ts';
import type { PingResult } from '../ping/pinger.ts';
import type { ScmOutcome } from '../probes/scmProbe.ts';

export interface ProbeCallOptions {
  signal?: AbortSignal;
  transcript: TranscriptSink;
}

/** Seed step 5: the System Attendant's port from the endpoint mapper (or the static port of KB 270836). */
export type EndpointOutcome =
  | { outcome: 'mapped'; port: number; source: 'endpointMapper' | 'static' }
  /** ept_s_not_registered: Win32 1753, the original's c00706d9. */
  | { outcome: 'notRegistered'; error: AppErrorData }
  | { outcome: 'unreachable'; port: number; failure: ConnectFailure; error: AppErrorData }
  | { outcome: 'failed'; error: AppErrorData };

/** Seed step 6: connect to that port and bind to the System Attendant's interface. */
export type BindOutcome =
  | { outcome: 'accepted'; port: number }
  | { outcome: 'rejected'; port: number; reason: string; error: AppErrorData }
  | { outcome: 'unreachable'; port: number; failure: ConnectFailure; error: AppErrorData }
  | { outcome: 'failed'; port: number; error: AppErrorData };

export interface ServerProbes {
  /** "simulated" marks the Training directory's servers in step details. */
  readonly kind: 'network' | 'simulated';
  ping(server: ExchangeServer, options: ProbeCallOptions): Promise<PingResult>;
  scm(server: ExchangeServer, options: ProbeCallOptions): Promise<ScmOutcome>;
  endpoint(server: ExchangeServer, options: ProbeCallOptions): Promise<EndpointOutcome>;
  bind(server: ExchangeServer, port: number, options: ProbeCallOptions): Promise<BindOutcome>;
  /** A pause after the directory steps, so a trainer can follow (simulated probes only). */
  pace?(signal?: AbortSignal): Promise<void>;
}
