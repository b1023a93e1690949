// The connect dialog's "Test" button: each check in order (DNS, TCP, TLS, bind, RootDSE), stopping
// at the first failure, which names the problem exactly. Never throws for a failed check.
import { createHash, X509Certificate } from 'node:crypto';
import { connect as netConnect } from 'node:net';
import { checkServerIdentity, connect as tlsConnect } from 'node:tls';
import type { PeerCertificate, TLSSocket } from 'node:tls';
import { Client } from 'ldapts';
import type { ConnectionProfile } from '../../../shared/model/connectionProfile.ts';
import { AppError, toErrorData } from '../../../shared/errors.ts';
import type { TranscriptSink } from '../../../shared/transcript.ts';
import { withTimeout } from './abort.ts';
import { LdapConnection, tlsOptionsFor } from './connection.ts';
import { domainControllerEndpoints } from './endpoints.ts';
import { toLdapAppError } from './ldapErrors.ts';
import { readRootDse } from './rootDse.ts';
import type { RootDse } from './rootDse.ts';
import type { CertificateInfo, ConnectionCheck, ConnectionCheckName } from '../../../shared/model/connectionTest.ts';
import { describeEndpoint } from './session.ts';
import type { LdapEndpoint } from './session.ts';

export interface ConnectionTestReport {
  ok: boolean;
  endpoint: Omit<LdapEndpoint, 'role'> | null;
  checks: ConnectionCheck[];
  certificate: CertificateInfo | null;
  rootDse: RootDse | null;
}

function formatName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
    .join(', ');
}

export function certificateInfo(cert: PeerCertificate): CertificateInfo {
  const sha256 = cert.raw ? createHash('sha256').update(cert.raw).digest('hex').toUpperCase().match(/../g)!.join(':') : cert.fingerprint256;
  let selfSigned = formatName(cert.subject) === formatName(cert.issuer);
  if (cert.raw) {
    const x509 = new X509Certificate(cert.raw);
    selfSigned = x509.checkIssued(x509);
  }
  return { subject: formatName(cert.subject), issuer: formatName(cert.issuer), sha256, validFrom: cert.valid_from, validTo: cert.valid_to, selfSigned };
}

interface TlsProbe {
  certificate: CertificateInfo | null;
  authorized: boolean;
  authorizationError: string | null;
  identityError: string | null;
}

/** Handshakes without rejecting, so the certificate can be shown even when it is not trusted. */
async function probeTls(endpoint: LdapEndpoint, caPem: string | undefined, timeoutMs: number): Promise<TlsProbe> {
  const options = { ...tlsOptionsFor(endpoint, caPem, false) };
  let socket: TLSSocket | null = null;
  const inspect = (s: TLSSocket): TlsProbe => {
    const peer = s.getPeerCertificate(true);
    const has = peer && Object.keys(peer).length > 0;
    const identity = has ? checkServerIdentity(endpoint.host, peer) : undefined;
    return {
      certificate: has ? certificateInfo(peer) : null,
      authorized: s.authorized,
      authorizationError: s.authorizationError ? String(s.authorizationError) : null,
      identityError: identity ? identity.message : null,
    };
  };
  if (endpoint.tls === 'ldaps') {
    return withTimeout(
      new Promise<TlsProbe>((resolve, reject) => {
        socket = tlsConnect({ ...options, host: endpoint.address, port: endpoint.port }, () => {
          const result = inspect(socket!);
          socket!.destroy();
          resolve(result);
        });
        socket.once('error', reject);
      }),
      timeoutMs,
      `The TLS handshake with ${describeEndpoint(endpoint)} did not finish in time.`,
      'Check that the port speaks LDAPS (636 or 3269).',
      () => (socket as TLSSocket | null)?.destroy(),
    );
  }
  // StartTLS: let ldapts send the extended request, then look at the upgraded socket.
  const host = endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address;
  const client = new Client({
    url: `ldap://${host}:${endpoint.port}`,
    timeout: timeoutMs,
    connectTimeout: timeoutMs,
    createSecureConnection: ((...args: unknown[]) => {
      socket = (tlsConnect as (...a: unknown[]) => TLSSocket)(...args);
      return socket;
    }) as typeof tlsConnect,
  });
  try {
    await withTimeout(client.startTLS(options), timeoutMs, `StartTLS with ${describeEndpoint(endpoint)} did not finish in time.`, 'Check the port.');
    return inspect(socket!);
  } finally {
    await client.unbind().catch(() => {});
  }
}

export async function testConnection(profile: ConnectionProfile, options: { signal?: AbortSignal; transcript?: TranscriptSink } = {}): Promise<ConnectionTestReport> {
  const report: ConnectionTestReport = { ok: false, endpoint: null, checks: [], certificate: null, rootDse: null };
  const timeoutMs = profile.timeoutSeconds * 1000;
  const step = async <T>(check: ConnectionCheckName, fn: () => Promise<{ value: T; detail: string }>): Promise<T | undefined> => {
    const started = Date.now();
    try {
      const { value, detail } = await fn();
      report.checks.push({ check, status: 'ok', detail, durationMs: Date.now() - started });
      return value;
    } catch (error) {
      const data = toErrorData(error);
      report.checks.push({ check, status: 'failed', detail: data.message, error: data, durationMs: Date.now() - started });
      return undefined;
    }
  };
  const skipRest = (from: ConnectionCheckName) => {
    const order: ConnectionCheckName[] = ['dns', 'tcp', 'tls', 'bind', 'rootDse'];
    for (const check of order.slice(order.indexOf(from))) {
      if (!report.checks.some((c) => c.check === check)) report.checks.push({ check, status: 'skipped', detail: 'Not tried: an earlier check failed.', durationMs: 0 });
    }
  };

  const endpoint = await step('dns', async () => {
    const [first] = await domainControllerEndpoints(profile, options.signal);
    if (!first) throw new AppError({ kind: 'connect', message: 'No domain controller was found in DNS.' });
    const via = profile.dcHost ? '' : ` (from _ldap._tcp.dc._msdcs.${profile.domain})`;
    return { value: first, detail: `${first.host} is ${first.address}${via}` };
  });
  if (!endpoint) {
    skipRest('tcp');
    return report;
  }
  report.endpoint = { host: endpoint.host, address: endpoint.address, port: endpoint.port, tls: endpoint.tls };
  const label = describeEndpoint(endpoint);

  const tcp = await step('tcp', async () => {
    const started = Date.now();
    await withTimeout(
      new Promise<void>((resolve, reject) => {
        const socket = netConnect({ host: endpoint.address, port: endpoint.port }, () => {
          socket.destroy();
          resolve();
        });
        socket.once('error', (e) => {
          socket.destroy();
          reject(toLdapAppError(e, { endpoint: label, operation: 'connection' }));
        });
        options.signal?.addEventListener('abort', () => socket.destroy(), { once: true });
      }),
      timeoutMs,
      `${label} did not accept a TCP connection in time: the port may be filtered or the host down.`,
      'Check the host name, the port and any firewall between here and the domain controller.',
    );
    return { value: true, detail: `TCP port ${endpoint.port} is open (${Date.now() - started} ms)` };
  });
  if (!tcp) {
    skipRest('tls');
    return report;
  }

  if (endpoint.tls === 'none') {
    report.checks.push({ check: 'tls', status: 'skipped', detail: 'Plain LDAP: no TLS (allowed explicitly in the profile).', durationMs: 0 });
  } else {
    const trusted = await step('tls', async () => {
      const probe = await probeTls(endpoint, profile.caPem, timeoutMs).catch((e: unknown) => {
        throw toLdapAppError(e, { endpoint: label, operation: 'TLS handshake' });
      });
      report.certificate = probe.certificate;
      const cert = probe.certificate;
      const shown = cert ? ` Certificate subject: ${cert.subject}; issuer: ${cert.issuer}; SHA-256: ${cert.sha256}.` : '';
      if (!probe.authorized) {
        throw new AppError({
          kind: 'tls',
          message: `The TLS certificate of ${label} is not trusted (${probe.authorizationError ?? 'unknown reason'}).${shown}`,
          hint: 'Compare the fingerprint with the domain controller\'s certificate, then add the issuing CA (PEM) to the profile or the system store.',
          details: { certificate: cert, reason: probe.authorizationError },
        });
      }
      if (probe.identityError) {
        throw new AppError({
          kind: 'tls',
          message: `The TLS certificate of ${label} does not name ${endpoint.host}: ${probe.identityError}.${shown}`,
          hint: 'Connect with the name written in the certificate (usually the DC\'s full DNS name).',
          details: { certificate: cert },
        });
      }
      return { value: true, detail: `Certificate trusted: ${cert?.subject ?? '?'} (issuer ${cert?.issuer ?? '?'}, SHA-256 ${cert?.sha256 ?? '?'})` };
    });
    if (!trusted) {
      skipRest('bind');
      return report;
    }
  }

  const connection = new LdapConnection({ endpoint, bindName: profile.user, password: profile.password, caPem: profile.caPem, timeoutMs });
  try {
    const bound = await step('bind', async () => {
      await connection.connect(options);
      return { value: true, detail: `Signed in as ${profile.user}` };
    });
    if (!bound) {
      skipRest('rootDse');
      return report;
    }
    await step('rootDse', async () => {
      const rootDse = await readRootDse(connection, options);
      report.rootDse = rootDse;
      return { value: rootDse, detail: `Domain ${rootDse.defaultNamingContext}; forest root ${rootDse.rootDomainNamingContext}` };
    });
  } finally {
    await connection.close();
  }
  report.ok = report.checks.every((c) => c.status !== 'failed');
  return report;
}
