// [RFC 4512] 5.1 / [MS-ADTS] 3.1.1.3.2: the RootDSE names the naming contexts we search in.
import { AppError } from '../../../shared/errors.ts';
import { first, values } from './session.ts';
import type { CallOptions, LdapSession } from './session.ts';

export interface RootDse {
  defaultNamingContext: string;
  /** The forest root domain's NC: Exchange's configuration and the forest-wide GC search hang off it. */
  rootDomainNamingContext: string;
  configurationNamingContext: string;
  schemaNamingContext: string;
  dnsHostName: string | null;
  isGlobalCatalogReady: boolean;
  supportedLdapVersion: string[];
}

export const ROOT_DSE_ATTRIBUTES = [
  'defaultNamingContext',
  'rootDomainNamingContext',
  'configurationNamingContext',
  'schemaNamingContext',
  'dnsHostName',
  'isGlobalCatalogReady',
  'supportedLDAPVersion',
];

export async function readRootDse(session: LdapSession, call: CallOptions = {}): Promise<RootDse> {
  const [entry] = await session.search({ base: '', scope: 'base', filter: '(objectClass=*)', attributes: ROOT_DSE_ATTRIBUTES }, call);
  const configuration = entry ? first(entry, 'configurationNamingContext') : null;
  const defaultNc = entry ? first(entry, 'defaultNamingContext') : null;
  if (!entry || !configuration || !defaultNc) {
    throw new AppError({
      kind: 'decode',
      message: 'The server\'s RootDSE does not name a Configuration partition: it does not look like an Active Directory domain controller.',
      hint: 'Check the server name and port.',
    });
  }
  return {
    defaultNamingContext: defaultNc,
    rootDomainNamingContext: first(entry, 'rootDomainNamingContext') ?? defaultNc,
    configurationNamingContext: configuration,
    schemaNamingContext: first(entry, 'schemaNamingContext') ?? `CN=Schema,${configuration}`,
    dnsHostName: first(entry, 'dnsHostName'),
    isGlobalCatalogReady: (first(entry, 'isGlobalCatalogReady') ?? '').toUpperCase() === 'TRUE',
    supportedLdapVersion: values(entry, 'supportedLDAPVersion'),
  };
}
