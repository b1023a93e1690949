// Finding domain controllers and Global Catalogs. [MS-ADTS] 6.3.2.3 / [RFC 2782]: a DC registers
// `_ldap._tcp.dc._msdcs.<domain>` and a GC `_gc._tcp.<forest>`; lower priority first, then higher
// weight. With a DNS server in the profile (labs) we ask it directly through a private Resolver.
import { lookup } from 'node:dns/promises';
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { AppError } from '../../../shared/errors.ts';
import { raceSignal } from './abort.ts';

export interface SrvTarget {
  name: string;
  port: number;
  priority: number;
  weight: number;
}

export interface DnsOptions {
  /** "address" or "address:port" ("[v6]:port" for IPv6). */
  dnsServer?: string | undefined;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

function makeResolver(options: DnsOptions): Resolver {
  const resolver = new Resolver({ timeout: Math.max(100, Math.floor(options.timeoutMs / 2)), tries: 2 });
  if (options.dnsServer) resolver.setServers([options.dnsServer]);
  return resolver;
}

function dnsError(name: string, what: string, error: unknown): AppError {
  const code = (error as { code?: string }).code ?? 'ERROR';
  if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'NXDOMAIN') {
    return new AppError(
      { kind: 'connect', message: `The DNS name ${name} was not found (${code}).`, hint: `Check the ${what}, or enter a domain controller's name directly.` },
      { cause: error },
    );
  }
  if (code === 'ETIMEOUT' || code === 'ECONNREFUSED') {
    return new AppError(
      { kind: 'timeout', message: `The DNS server did not answer for ${name} (${code}).`, hint: 'Check the DNS server in the profile or the network settings.' },
      { cause: error },
    );
  }
  return new AppError({ kind: 'connect', message: `The DNS lookup of ${name} failed (${code}).`, hint: `Check the ${what}.` }, { cause: error });
}

export function sortSrv(records: readonly SrvTarget[]): SrvTarget[] {
  return [...records].sort((a, b) => a.priority - b.priority || b.weight - a.weight || a.name.localeCompare(b.name));
}

export async function resolveSrv(name: string, options: DnsOptions): Promise<SrvTarget[]> {
  const resolver = makeResolver(options);
  try {
    const records = await raceSignal(resolver.resolveSrv(name), options.signal, 'DNS lookup', () => resolver.cancel());
    if (records.length === 0) throw dnsError(name, 'domain name', Object.assign(new Error('no records'), { code: 'ENODATA' }));
    return sortSrv(records);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw dnsError(name, 'domain name', error);
  }
}

/** `_ldap._tcp.dc._msdcs.<domain>`: the domain's DCs, best first. */
export function findDomainControllers(domain: string, options: DnsOptions): Promise<SrvTarget[]> {
  return resolveSrv(`_ldap._tcp.dc._msdcs.${domain}`, options);
}

/** `_gc._tcp.<forest>`: the forest's Global Catalogs, best first. */
export function findGlobalCatalogs(forest: string, options: DnsOptions): Promise<SrvTarget[]> {
  return resolveSrv(`_gc._tcp.${forest}`, options);
}

/** A host name to one address: through the profile's DNS server when it has one, else the system resolver. */
export async function resolveHost(host: string, options: DnsOptions): Promise<string> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return bare;
  try {
    if (options.dnsServer) {
      const resolver = makeResolver(options);
      const addresses = await raceSignal(resolver.resolve4(host), options.signal, 'DNS lookup', () => resolver.cancel());
      return addresses[0]!;
    }
    const result = await raceSignal(lookup(host), options.signal, 'DNS lookup');
    return result.address;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw dnsError(host, 'server name', error);
  }
}
