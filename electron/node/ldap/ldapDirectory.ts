// The Directory interface over a real Active Directory: one DC connection (reads, writes) and a
// Global Catalog connection for the forest-wide uniqueness check, both reused and re-bound on drop.
import type { AddressChange, AddressHolder, ExchangeServer, UserDetails, UserSummary } from '../../../shared/model/directory.ts';
import type { ConnectionProfile } from '../../../shared/model/connectionProfile.ts';
import { AppError } from '../../../shared/errors.ts';
import type { Directory, DirectoryCallOptions } from '../directory/directory.ts';
import { applyAddressChange } from './applyChange.ts';
import type { ApplyOptions, ApplyResult } from './applyChange.ts';
import { LdapConnection } from './connection.ts';
import { dnsNameOf, sameDn } from '../../../shared/model/dn.ts';
import { domainControllerEndpoints, globalCatalogEndpoint } from './endpoints.ts';
import { listExchangeServers } from './exchangeServers.ts';
import { readRootDse } from './rootDse.ts';
import type { RootDse } from './rootDse.ts';
import { describeEndpoint } from './session.ts';
import type { CallOptions, LdapEndpoint, LdapSession } from './session.ts';
import { isInPartialAttributeSet, listForestDomains, searchHolders } from './uniqueness.ts';
import type { ForestDomain } from './uniqueness.ts';
import { readUser, searchUsers } from './users.ts';

export type UniquenessMode = 'auto' | 'gc' | 'domains';

export interface UniquenessReport {
  holders: AddressHolder[];
  /** Where we looked: the Global Catalog, or every domain's DC. */
  method: 'gc' | 'domains';
  /** Whether the schema puts proxyAddresses on the GC (isMemberOfPartialAttributeSet). */
  partialAttributeSet: boolean;
  searchedBases: string[];
  /** Shown to the user when the check had to fall back. */
  warning?: string;
}

export interface OpenOptions {
  signal?: AbortSignal;
  transcript?: DirectoryCallOptions['transcript'];
}

export type SessionFactory = (endpoint: LdapEndpoint) => LdapSession;

/** Finds a DC of another domain of the forest (by its DNS name); DNS SRV by default. */
export type DomainLocator = (dnsRoot: string, signal?: AbortSignal) => Promise<LdapEndpoint>;

export class LdapDirectory implements Directory {
  readonly kind = 'ldap' as const;
  readonly label: string;
  private gc: LdapSession | null = null;
  private readonly domainSessions = new Map<string, LdapSession>();
  private pasCache: boolean | null = null;

  constructor(
    readonly profile: ConnectionProfile,
    readonly dc: LdapSession,
    readonly rootDse: RootDse,
    private readonly makeSession: SessionFactory,
    private readonly locateDomain: DomainLocator = async (dnsRoot, signal) => {
      const [endpoint] = await domainControllerEndpoints({ ...profile, domain: dnsRoot, dcHost: undefined, dcAddress: undefined }, signal);
      if (!endpoint) throw new AppError({ kind: 'connect', message: `No domain controller of ${dnsRoot} was found.` });
      return endpoint;
    },
  ) {
    this.label = describeEndpoint(dc.endpoint);
  }

  searchUsers(query: string, options: DirectoryCallOptions & { pageSize?: number } = {}): AsyncIterable<UserSummary[]> {
    return searchUsers(this.dc, this.rootDse.defaultNamingContext, query, options.pageSize ?? 200, options);
  }

  getUser(dn: string, options: DirectoryCallOptions & { rangeStep?: number } = {}): Promise<UserDetails> {
    return readUser(this.dc, dn, { ...options, ...(options.rangeStep ? { step: options.rangeStep } : {}) });
  }

  listExchangeServers(options: DirectoryCallOptions = {}): Promise<ExchangeServer[]> {
    return listExchangeServers(this.dc, this.rootDse.configurationNamingContext, options);
  }

  async findAddressHolders(addresses: readonly string[], options: DirectoryCallOptions & { excludeDn?: string } = {}): Promise<AddressHolder[]> {
    return (await this.checkAddresses(addresses, options)).holders;
  }

  /** The GC connection, opened on first use. */
  async globalCatalog(call: CallOptions = {}): Promise<LdapSession> {
    if (!this.gc) {
      const endpoint = await globalCatalogEndpoint(this.profile, dnsNameOf(this.rootDse.rootDomainNamingContext), this.dc.endpoint, call.signal);
      this.gc = this.makeSession(endpoint);
    }
    return this.gc;
  }

  async proxyAddressesOnGc(call: CallOptions = {}): Promise<boolean> {
    this.pasCache ??= await isInPartialAttributeSet(this.dc, this.rootDse.schemaNamingContext, 'proxyAddresses', call);
    return this.pasCache;
  }

  async checkAddresses(
    addresses: readonly string[],
    options: DirectoryCallOptions & { excludeDn?: string; mode?: UniquenessMode } = {},
  ): Promise<UniquenessReport> {
    const mode = options.mode ?? 'auto';
    const partialAttributeSet = await this.proxyAddressesOnGc(options);
    if (mode === 'gc' || (mode === 'auto' && partialAttributeSet)) {
      const gc = await this.globalCatalog(options);
      const holders = await searchHolders(gc, '', addresses, options);
      return { holders, method: 'gc', partialAttributeSet, searchedBases: [''] };
    }
    const domains = await listForestDomains(this.dc, this.rootDse.configurationNamingContext, options);
    const holders: AddressHolder[] = [];
    for (const domain of domains) {
      const session = await this.domainSession(domain, options);
      holders.push(...(await searchHolders(session, domain.nc, addresses, options)));
    }
    const report: UniquenessReport = { holders, method: 'domains', partialAttributeSet, searchedBases: domains.map((d) => d.nc) };
    if (!partialAttributeSet) {
      report.warning = `proxyAddresses is not in the Global Catalog's partial attribute set in this forest's schema, so the Global Catalog cannot be trusted to see every address; each of the ${domains.length} domain(s) was searched on a domain controller instead.`;
    }
    return report;
  }

  private async domainSession(domain: ForestDomain, call: CallOptions): Promise<LdapSession> {
    if (sameDn(domain.nc, this.rootDse.defaultNamingContext)) return this.dc;
    let session = this.domainSessions.get(domain.nc.toLowerCase());
    if (!session) {
      session = this.makeSession(await this.locateDomain(domain.dnsRoot, call.signal));
      this.domainSessions.set(domain.nc.toLowerCase(), session);
    }
    return session;
  }

  async applyChange(change: AddressChange, options: DirectoryCallOptions = {}): Promise<UserDetails> {
    return (await this.applyChangeDetailed(change, options)).user;
  }

  /** As applyChange, and says whether the write needed a reconnect to confirm. */
  applyChangeDetailed(change: AddressChange, options: ApplyOptions = {}): Promise<ApplyResult> {
    return applyAddressChange(this.dc, (call) => readUser(this.dc, change.dn, call), change, options);
  }

  async close(): Promise<void> {
    const sessions = [this.dc, this.gc, ...this.domainSessions.values()].filter((s): s is LdapSession => s !== null);
    this.gc = null;
    this.domainSessions.clear();
    await Promise.all(sessions.map((s) => s.close()));
  }
}

/** Builds LdapConnections with the profile's credentials and trust. */
export function connectionFactory(profile: ConnectionProfile): SessionFactory {
  return (endpoint) =>
    new LdapConnection({ endpoint, bindName: profile.user, password: profile.password, caPem: profile.caPem, timeoutMs: profile.timeoutSeconds * 1000 });
}

/** Finds a DC (named, or by DNS SRV), connects, binds and reads the RootDSE. */
export async function openLdapDirectory(profile: ConnectionProfile, options: OpenOptions = {}): Promise<LdapDirectory> {
  if (profile.tls === 'none' && !profile.allowPlain) {
    throw new AppError({
      kind: 'validation',
      message: 'Plain LDAP would send the password unencrypted.',
      hint: 'Choose LDAPS or StartTLS, or allow plain LDAP explicitly in the profile.',
    });
  }
  const makeSession = connectionFactory(profile);
  const endpoints = await domainControllerEndpoints(profile, options.signal);
  let lastError: unknown;
  for (const endpoint of endpoints) {
    const session = makeSession(endpoint) as LdapConnection;
    try {
      await session.connect(options);
      const rootDse = await readRootDse(session, options);
      return new LdapDirectory(profile, session, rootDse, makeSession);
    } catch (error) {
      await session.close();
      lastError = error;
      // Only an unreachable DC is a reason to try the next one; a wrong password stays wrong.
      if (!(error instanceof AppError) || (error.kind !== 'connect' && error.kind !== 'timeout' && error.kind !== 'unavailable')) throw error;
    }
  }
  throw lastError;
}
