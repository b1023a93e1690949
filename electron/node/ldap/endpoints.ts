// From a connection profile to the servers to contact: a named DC, or the domain's DCs from DNS
// SRV records; the GC named in the profile, or the forest's GCs from DNS, or else the DC itself.
import type { ConnectionProfile } from '../../../shared/model/connectionProfile.ts';
import { defaultPorts } from '../../../shared/model/connectionProfile.ts';
import { findDomainControllers, findGlobalCatalogs, resolveHost } from './discovery.ts';
import type { DnsOptions } from './discovery.ts';
import type { LdapEndpoint } from './session.ts';

export function dnsOptions(profile: ConnectionProfile, signal?: AbortSignal): DnsOptions {
  return { dnsServer: profile.dnsServer, timeoutMs: profile.timeoutSeconds * 1000, signal };
}

/** Candidate DCs in the order to try: the named one, or SRV order. Addresses are resolved here. */
export async function domainControllerEndpoints(profile: ConnectionProfile, signal?: AbortSignal): Promise<LdapEndpoint[]> {
  const dns = dnsOptions(profile, signal);
  const port = profile.ldapPort ?? defaultPorts[profile.tls].ldap;
  if (profile.dcHost) {
    const address = profile.dcAddress ?? (await resolveHost(profile.dcHost, dns));
    return [{ role: 'dc', host: profile.dcHost, address, port, tls: profile.tls }];
  }
  const targets = await findDomainControllers(profile.domain!, dns);
  const endpoints: LdapEndpoint[] = [];
  for (const target of targets) {
    const address = await resolveHost(target.name, dns).catch(() => null);
    // SRV records carry 389; LDAPS uses its own port on the same host.
    if (address) endpoints.push({ role: 'dc', host: target.name, address, port: profile.ldapPort ?? (profile.tls === 'ldaps' ? port : target.port), tls: profile.tls });
  }
  if (endpoints.length === 0) {
    // Let resolveHost raise the precise DNS error for the best target.
    await resolveHost(targets[0]!.name, dns);
  }
  return endpoints;
}

/** The GC to ask: the profile's, else `_gc._tcp.<forest>`, else the connected DC on the GC port. */
export async function globalCatalogEndpoint(profile: ConnectionProfile, forestDnsName: string, dc: LdapEndpoint, signal?: AbortSignal): Promise<LdapEndpoint> {
  const dns = dnsOptions(profile, signal);
  const port = profile.gcPort ?? defaultPorts[profile.tls].gc;
  if (profile.gcHost) {
    const address = profile.gcAddress ?? (await resolveHost(profile.gcHost, dns));
    return { role: 'gc', host: profile.gcHost, address, port, tls: profile.tls };
  }
  if (!profile.dcHost && profile.domain) {
    const targets = await findGlobalCatalogs(forestDnsName, dns).catch(() => []);
    for (const target of targets) {
      const address = await resolveHost(target.name, dns).catch(() => null);
      if (address) return { role: 'gc', host: target.name, address, port, tls: profile.tls };
    }
  }
  return { role: 'gc', host: dc.host, address: profile.gcAddress ?? dc.address, port, tls: profile.tls };
}
