// An LdapSession that answers from a script, for unit tests of the code above LDAP (range loop,
// write guards, uniqueness matching) with AD-shaped answers that Samba cannot produce (forced
// range retrieval at MaxValRange=1500). Not proof that LDAP works: the lab tests are.
import type { CallOptions, LdapEndpoint, LdapEntry, LdapSession, Modification, SearchParams } from './session.ts';

export type ReplayRequest =
  | { op: 'search'; params: SearchParams }
  | { op: 'searchPages'; params: SearchParams; pageSize: number }
  | { op: 'modify'; dn: string; changes: Modification[] };

/** Answers a request: entries for a search, pages for searchPages, nothing for modify; throw to fail it. */
export type ReplayHandler = (request: ReplayRequest) => LdapEntry[] | LdapEntry[][] | void;

export class ReplaySession implements LdapSession {
  readonly requests: ReplayRequest[] = [];
  resets = 0;
  closed = false;

  constructor(
    private readonly handler: ReplayHandler,
    readonly endpoint: LdapEndpoint = { role: 'dc', host: 'dc01.corp.example.test', address: '192.0.2.10', port: 636, tls: 'ldaps' },
  ) {}

  async search(params: SearchParams, _call?: CallOptions): Promise<LdapEntry[]> {
    const request: ReplayRequest = { op: 'search', params };
    this.requests.push(request);
    return (this.handler(request) as LdapEntry[] | undefined) ?? [];
  }

  async *searchPages(params: SearchParams, pageSize: number, _call?: CallOptions): AsyncIterable<LdapEntry[]> {
    const request: ReplayRequest = { op: 'searchPages', params, pageSize };
    this.requests.push(request);
    for (const page of (this.handler(request) as LdapEntry[][] | undefined) ?? []) yield page;
  }

  async modify(dn: string, changes: readonly Modification[], _call?: CallOptions): Promise<void> {
    const request: ReplayRequest = { op: 'modify', dn, changes: [...changes] };
    this.requests.push(request);
    this.handler(request);
  }

  reset(): void {
    this.resets++;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** An entry from readable attribute names (lower-cased as LdapConnection does). */
export function entry(dn: string, attributes: Record<string, string | string[]>): LdapEntry {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(attributes)) out[k.toLowerCase()] = Array.isArray(v) ? v : [v];
  return { dn, attributes: out };
}
