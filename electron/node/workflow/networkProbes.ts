// The real probes of seed steps 3–6 for an LDAP directory: OS ping, the SCM over SMB2, the
// endpoint mapper, and a bind to the System Attendant. Server host names are resolved first
// (with the profile's DNS server when it has one), so a lab or split DNS works like the DC lookup.
import { staticPortFor } from '../../../shared/model/workflow.ts';
import { toErrorData, type AppErrorData } from '../../../shared/errors.ts';
import type { ExchangeServer } from '../../../shared/model/directory.ts';
import type { WorkflowSettings } from '../../../shared/model/workflowSettings.ts';
import { mapTcpEndpoint } from '../dcerpc/endpointMapper.ts';
import { RpcClient, type InterfaceId } from '../dcerpc/rpcClient.ts';
import { connectTcp, type ConnectFailure } from '../dcerpc/tcpTransport.ts';
import { resolveHost, type DnsOptions } from '../ldap/discovery.ts';
import type { NtlmCredentials } from '../ntlm/credentials.ts';
import { OsPinger } from '../ping/osPinger.ts';
import type { PingResult } from '../ping/pinger.ts';
import { probeScm, type ScmOutcome } from '../probes/scmProbe.ts';
import { DEFAULT_SA_INTERFACE } from '../probes/saReachability.ts';
import type { BindOutcome, EndpointOutcome, ProbeCallOptions, ServerProbes } from './probes.ts';

export interface NetworkProbeOptions {
  credentials: NtlmCredentials;
  settings: Pick<WorkflowSettings, 'pingTimeoutMs' | 'scmTimeoutMs' | 'saTimeoutMs' | 'saStaticPorts'>;
  /** How server names are resolved; the OS resolver when dnsServer is absent. */
  dns?: Omit<DnsOptions, 'signal'>;
  /** A known address per host name (lowercase), checked before DNS. */
  hostAddresses?: ReadonlyMap<string, string>;
  iface?: InterfaceId;
  serviceName?: string;
  /** The ping utility (tests); "ping" by default. */
  pingCommand?: string;
}

function connectFailureOf(data: AppErrorData): ConnectFailure | undefined {
  const failure = (data.details as { failure?: ConnectFailure } | undefined)?.failure;
  return failure ?? (data.kind === 'timeout' ? 'timedOut' : undefined);
}

export class NetworkProbes implements ServerProbes {
  readonly kind = 'network' as const;
  private readonly addresses = new Map<string, Promise<string>>();

  constructor(private readonly options: NetworkProbeOptions) {}

  /** The address to contact; a rejected lookup rejects with the DNS AppError. */
  private address(server: ExchangeServer, signal?: AbortSignal): Promise<string> {
    const key = server.host.toLowerCase();
    const known = this.options.hostAddresses?.get(key);
    if (known) return Promise.resolve(known);
    let pending = this.addresses.get(key);
    if (!pending) {
      pending = resolveHost(server.host, { timeoutMs: 3000, ...this.options.dns, signal });
      pending.catch(() => this.addresses.delete(key));
      this.addresses.set(key, pending);
    }
    return pending;
  }

  async ping(server: ExchangeServer, call: ProbeCallOptions): Promise<PingResult> {
    let address: string;
    try {
      address = await this.address(server, call.signal);
    } catch (error) {
      const data = toErrorData(error);
      call.transcript.add('note', 'DNS', `${server.host} could not be resolved: ${data.message}`);
      return { alive: false, host: server.host, failure: 'unknownHost', detail: data.message };
    }
    const pinger = new OsPinger({ transcript: call.transcript, ...(this.options.pingCommand ? { command: this.options.pingCommand } : {}) });
    try {
      return await pinger.ping(address, { timeoutMs: this.options.settings.pingTimeoutMs, ...(call.signal ? { signal: call.signal } : {}) });
    } catch (error) {
      // The utility is missing or the ping was cancelled: the server did not pass this step.
      const data = toErrorData(error);
      return { alive: false, host: address, failure: 'unreachable', detail: data.message };
    }
  }

  async scm(server: ExchangeServer, call: ProbeCallOptions): Promise<ScmOutcome> {
    let address: string;
    try {
      address = await this.address(server, call.signal);
    } catch (error) {
      const data = toErrorData(error);
      return { outcome: 'failed', host: server.host, stage: 'connect', message: data.message, error: data, elapsedMs: 0 };
    }
    return probeScm({
      host: address,
      machineName: server.name.toUpperCase(),
      credentials: this.options.credentials,
      timeoutMs: this.options.settings.scmTimeoutMs,
      transcript: call.transcript,
      ...(this.options.serviceName ? { serviceName: this.options.serviceName } : {}),
      ...(call.signal ? { signal: call.signal } : {}),
    });
  }

  async endpoint(server: ExchangeServer, call: ProbeCallOptions): Promise<EndpointOutcome> {
    const staticPort = staticPortFor(this.options.settings.saStaticPorts, server);
    if (staticPort !== null) {
      call.transcript.add('note', 'EPM', `Static port ${staticPort} (KB 270836): the endpoint mapper is not asked.`);
      return { outcome: 'mapped', port: staticPort, source: 'static' };
    }
    try {
      const address = await this.address(server, call.signal);
      const mapped = await mapTcpEndpoint(address, this.options.iface ?? DEFAULT_SA_INTERFACE, {
        timeoutMs: this.options.settings.saTimeoutMs,
        transcript: call.transcript,
        ...(call.signal ? { signal: call.signal } : {}),
      });
      const port = mapped.ports[0];
      if (port === undefined) {
        return { outcome: 'failed', error: { kind: 'decode', message: `The endpoint mapper of ${server.name} answered without a TCP port.` } };
      }
      return { outcome: 'mapped', port, source: 'endpointMapper' };
    } catch (error) {
      const data = toErrorData(error);
      // [MS-RPCE] 2.2.1.1.7: ept_s_not_registered is reported to callers as EPT_S_NOT_REGISTERED (1753).
      if (data.kind === 'win32' && data.code === 1753) return { outcome: 'notRegistered', error: data };
      const failure = connectFailureOf(data);
      if (failure && (data.kind === 'connect' || data.kind === 'timeout')) return { outcome: 'unreachable', port: 135, failure, error: data };
      return { outcome: 'failed', error: data };
    }
  }

  async bind(server: ExchangeServer, port: number, call: ProbeCallOptions): Promise<BindOutcome> {
    const timeoutMs = this.options.settings.saTimeoutMs;
    let client: RpcClient | undefined;
    try {
      const address = await this.address(server, call.signal);
      call.transcript.add('note', 'TCP', `Connecting to ${server.name} (${address}) TCP ${port}`);
      const transport = await connectTcp(address, port, { timeoutMs, ...(call.signal ? { signal: call.signal } : {}) });
      client = new RpcClient(transport, { timeoutMs, transcript: call.transcript });
      await client.bind(this.options.iface ?? DEFAULT_SA_INTERFACE, call.signal);
      return { outcome: 'accepted', port };
    } catch (error) {
      const data = toErrorData(error);
      if (data.kind === 'rpcBindRejected') {
        return { outcome: 'rejected', port, reason: (data.details as { reason?: string } | undefined)?.reason ?? 'unknown', error: data };
      }
      const failure = connectFailureOf(data);
      if (failure && (data.kind === 'connect' || data.kind === 'timeout')) return { outcome: 'unreachable', port, failure, error: data };
      return { outcome: 'failed', port, error: data };
    } finally {
      await client?.close();
    }
  }
}
