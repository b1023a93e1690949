// The account the SCM logon (seed step 4) uses: the one the directory is bound with. A profile
// may name it as a UPN or a DN; NTLM to an Exchange server is most reliable with the down-level
// form DOMAIN\sAMAccountName (a UPN in NTLMv2 needs the server to resolve it through its domain,
// which a server that is not a domain member, or an old one, cannot), so it is looked up once.
import { dnsNameOf } from '../../../shared/model/dn.ts';
import { equalityFilter } from '../ldap/filter.ts';
import type { LdapDirectory } from '../ldap/ldapDirectory.ts';
import { parseAccount, type NtlmCredentials } from '../ntlm/credentials.ts';

/** The DC=... suffix of a DN: the naming context of its domain. */
function domainNcOf(dn: string): string {
  const parts = dn.split(/,(?=\s*DC=)/i);
  return parts.slice(1).join(',') || dn;
}

const known = new WeakMap<LdapDirectory, NtlmCredentials>();

/** DOMAIN\\sAMAccountName of the profile's account (looked up once per open directory); the profile's form if that fails. */
export async function logonCredentials(directory: LdapDirectory, signal?: AbortSignal): Promise<NtlmCredentials> {
  const cached = known.get(directory);
  if (cached) return cached;
  const found = await lookUp(directory, signal);
  if (found.domain) known.set(directory, found);
  return found;
}

async function lookUp(directory: LdapDirectory, signal?: AbortSignal): Promise<NtlmCredentials> {
  const { user, password } = directory.profile;
  const given = parseAccount(user, password);
  if (given.domain) return given; // already DOMAIN\user
  try {
    const call = signal ? { signal } : {};
    const isDn = /^(cn|uid)=/i.test(user);
    const base = directory.rootDse.defaultNamingContext;
    const find = (filter: string) => directory.dc.search({ base, scope: 'sub', filter, attributes: ['sAMAccountName'], sizeLimit: 1 }, call);
    let [entry] = isDn
      ? await directory.dc.search({ base: user, scope: 'base', filter: '(objectClass=*)', attributes: ['sAMAccountName'], sizeLimit: 1 }, call)
      : await find(equalityFilter('userPrincipalName', user));
    // AD also accepts the implicit UPN sAMAccountName@<domain DNS name> (accounts such as the
    // built-in Administrator have no userPrincipalName value).
    const at = user.lastIndexOf('@');
    if (!entry && !isDn && at > 0 && user.slice(at + 1).toLowerCase() === dnsNameOf(base).toLowerCase()) {
      [entry] = await find(equalityFilter('sAMAccountName', user.slice(0, at)));
    }
    const sam = entry?.attributes['samaccountname']?.[0];
    if (!entry || !sam) return given;
    const [crossRef] = await directory.dc.search(
      {
        base: `CN=Partitions,${directory.rootDse.configurationNamingContext}`,
        scope: 'one',
        filter: `(&(objectClass=crossRef)${equalityFilter('nCName', domainNcOf(entry.dn))})`,
        attributes: ['nETBIOSName'],
        sizeLimit: 1,
      },
      call,
    );
    const netbios = crossRef?.attributes['netbiosname']?.[0];
    return netbios ? { domain: netbios, user: sam, password } : given;
  } catch {
    // Not allowed to read it, or the DC hiccuped: the SCM step will say if the logon fails.
    return given;
  }
}
