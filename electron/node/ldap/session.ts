// The few LDAP operations the directory code needs, as data in and data out. LdapConnection
// implements it over ldapts; unit tests replay AD-shaped answers through the same interface.
import type { TranscriptSink } from '../../../shared/transcript.ts';
import type { TlsMode } from '../../../shared/model/connectionProfile.ts';

export interface LdapEndpoint {
  role: 'dc' | 'gc';
  /** DNS name: the TLS identity and what messages show. */
  host: string;
  /** Where the TCP connection goes (an IP, or the host itself). */
  address: string;
  port: number;
  tls: TlsMode;
}

export function describeEndpoint(endpoint: LdapEndpoint): string {
  const mode = endpoint.tls === 'ldaps' ? 'LDAPS' : endpoint.tls === 'starttls' ? 'LDAP+StartTLS' : 'plain LDAP';
  return `${endpoint.role === 'gc' ? 'Global Catalog ' : ''}${endpoint.host}:${endpoint.port} (${mode})`;
}

export type SearchScope = 'base' | 'one' | 'sub';

export interface SearchParams {
  base: string;
  scope: SearchScope;
  filter: string;
  attributes: string[];
  sizeLimit?: number;
}

/** An entry with attribute names lower-cased, options kept (e.g. "proxyaddresses;range=0-1499"). */
export interface LdapEntry {
  dn: string;
  attributes: Record<string, string[]>;
}

export interface Modification {
  operation: 'add' | 'delete' | 'replace';
  attribute: string;
  values: string[];
}

export interface CallOptions {
  signal?: AbortSignal | undefined;
  transcript?: TranscriptSink | undefined;
}

export interface LdapSession {
  readonly endpoint: LdapEndpoint;
  search(params: SearchParams, call?: CallOptions): Promise<LdapEntry[]>;
  /** Simple Paged Results ([RFC 2696]); one array per page as the server sends it. */
  searchPages(params: SearchParams, pageSize: number, call?: CallOptions): AsyncIterable<LdapEntry[]>;
  modify(dn: string, changes: readonly Modification[], call?: CallOptions): Promise<void>;
  /** Drops the current connection; the next call connects and binds afresh. */
  reset(): void;
  close(): Promise<void>;
}

/** Values of an attribute by case-insensitive name, ignoring none of its options. */
export function values(entry: LdapEntry, name: string): string[] {
  return entry.attributes[name.toLowerCase()] ?? [];
}

export function first(entry: LdapEntry, name: string): string | null {
  return values(entry, name)[0] ?? null;
}
