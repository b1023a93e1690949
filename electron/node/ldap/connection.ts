// One authenticated LDAP connection, reused across operations and re-established (new TCP, TLS and
// a fresh bind) when it drops, e.g. after AD's idle disconnect (MaxConnIdleTime, 900 s by default).
// We never use ldapts' transparent reconnect: it would run the next request unauthenticated.
import { connect as tlsConnect, rootCertificates } from 'node:tls';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { connect as netConnect, isIP } from 'node:net';
import type { Socket } from 'node:net';
import { Attribute, Change, Client } from 'ldapts';
import type { Entry } from 'ldapts';
import type { AppError } from '../../../shared/errors.ts';
import { nullTranscript } from '../../../shared/transcript.ts';
import { raceSignal, throwIfAborted, withTimeout } from './abort.ts';
import { toLdapAppError } from './ldapErrors.ts';
import { describeEndpoint } from './session.ts';
import type { CallOptions, LdapEndpoint, LdapEntry, LdapSession, Modification, SearchParams } from './session.ts';

export interface LdapConnectionOptions {
  endpoint: LdapEndpoint;
  /** UPN, DOMAIN\user or a DN: AD accepts all three in a simple bind. */
  bindName: string;
  password: string;
  caPem?: string | undefined;
  timeoutMs: number;
  /** Called with every TLS socket (LDAPS or after StartTLS), e.g. to read the peer certificate. */
  onSecureSocket?: ((socket: TLSSocket) => void) | undefined;
  /** Overrides certificate verification (connection test's certificate probe only). */
  rejectUnauthorized?: boolean | undefined;
}

const scopeNames = { base: 'BaseObject', one: 'SingleLevel', sub: 'WholeSubtree' } as const;

/** The transcript's rendering of a search request, in the seed's NetMon wording. */
export function describeSearch(params: SearchParams): string {
  return `Search Request, BaseObject: ${params.base === '' ? 'NULL' : params.base}, SearchScope: ${scopeNames[params.scope]}, SearchAlias: neverDerefAliases Filter: ${params.filter}`;
}

export function tlsOptionsFor(endpoint: LdapEndpoint, caPem: string | undefined, rejectUnauthorized = true): ConnectionOptions {
  const options: ConnectionOptions = { minVersion: 'TLSv1.2', rejectUnauthorized };
  // Verify the certificate against the DNS name even when we connect to a fixed address.
  if (!isIP(endpoint.host)) options.servername = endpoint.host;
  // Keep the system store and add the profile's CA: a public CA still works next to a lab CA.
  if (caPem) options.ca = [...rootCertificates, caPem];
  return options;
}

function normalizeEntry(entry: Entry): LdapEntry {
  const attributes: Record<string, string[]> = {};
  for (const [name, raw] of Object.entries(entry)) {
    if (name === 'dn') continue;
    const list = Array.isArray(raw) ? raw : [raw];
    attributes[name.toLowerCase()] = list.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));
  }
  return { dn: entry.dn, attributes };
}

function isConnectionLost(error: AppError): boolean {
  return error.kind === 'connect' && /lost|ECONNRESET|EPIPE/.test(error.message);
}

export class LdapConnection implements LdapSession {
  readonly endpoint: LdapEndpoint;
  private client: Client | null = null;
  /** The TCP socket under the current client (under TLS too), so a dead connection can be reset. */
  private raw: Socket | null = null;
  private opening: Promise<Client> | null = null;
  private readonly label: string;

  constructor(private readonly options: LdapConnectionOptions) {
    this.endpoint = options.endpoint;
    this.label = describeEndpoint(options.endpoint);
  }

  get isOpen(): boolean {
    return this.client?.isConnected === true && this.client.isBound;
  }

  /** Connects, secures and binds, or returns the live connection. */
  async connect(call: CallOptions = {}): Promise<Client> {
    if (this.client?.isConnected && this.client.isBound) return this.client;
    this.reset();
    this.opening ??= this.open(call).finally(() => {
      this.opening = null;
    });
    return raceSignal(this.opening, call.signal, 'connection', () => this.reset());
  }

  private async open(call: CallOptions): Promise<Client> {
    const { endpoint, timeoutMs } = this.options;
    const transcript = call.transcript ?? nullTranscript;
    const host = endpoint.address.includes(':') ? `[${endpoint.address}]` : endpoint.address;
    const tlsOptions = tlsOptionsFor(endpoint, this.options.caPem, this.options.rejectUnauthorized ?? true);
    const onSecureSocket = this.options.onSecureSocket;
    let raw: Socket | null = null;
    // ldapts reconnects by itself when a request finds the socket closed, but without a bind: the
    // request would run anonymously. One TCP connection per Client; a second attempt fails like a
    // lost connection, and we reconnect (and bind) ourselves.
    let tcpOpened = false;
    const once = () => {
      if (tcpOpened) throw Object.assign(new Error('The server closed the connection.'), { code: 'ECONNRESET' });
      tcpOpened = true;
    };
    const client = new Client({
      url: `${endpoint.tls === 'ldaps' ? 'ldaps' : 'ldap'}://${host}:${endpoint.port}`,
      // Request timeouts are ours (see run): ldapts' own would close the socket gracefully, and the
      // kernel would keep retransmitting an unanswered modify, which could land after we verified.
      timeout: 0,
      connectTimeout: timeoutMs,
      // ldapts treats any tlsOptions as "connect with TLS", so give them only for LDAPS.
      ...(endpoint.tls === 'ldaps' ? { tlsOptions } : {}),
      createConnection: ((port: number, address: string) => {
        once();
        raw = netConnect(port, address);
        return raw;
      }) as typeof netConnect,
      // LDAPS: TLS over a TCP socket we hold. StartTLS: ldapts passes the existing socket in options.
      createSecureConnection: ((...args: unknown[]) => {
        let socket: TLSSocket;
        if (typeof args[0] === 'object' && args[0] !== null) {
          socket = tlsConnect(args[0] as ConnectionOptions);
        } else {
          once();
          raw = netConnect(args[0] as number, args[1] as string);
          socket = tlsConnect({ ...(args[2] as ConnectionOptions), socket: raw });
        }
        if (onSecureSocket) socket.once('secureConnect', () => onSecureSocket(socket));
        return socket;
      }) as typeof tlsConnect,
    });
    const proto = 'LDAP';
    const work = async () => {
      transcript.add('clientToServer', 'TCP', `Connect ${endpoint.address}:${endpoint.port}${endpoint.tls === 'ldaps' ? ' (TLS)' : ''}`);
      if (endpoint.tls === 'starttls') {
        transcript.add('clientToServer', proto, 'Extended Request, StartTLS (1.3.6.1.4.1.1466.20037)');
        await client.startTLS({ ...tlsOptions });
        transcript.add('serverToClient', proto, 'Extended Response, StartTLS, Status: Success');
      }
      transcript.add('clientToServer', proto, `Bind Request, Version: 3, Name: ${this.options.bindName}, AuthType: Simple`);
      await client.bind(this.options.bindName, this.options.password);
      transcript.add('serverToClient', proto, 'Bind Response, Status: Success');
      return client;
    };
    try {
      const result = await withTimeout(
        work(),
        timeoutMs + 1000,
        `${this.label} did not complete the connection in time.`,
        'The server may be down or a firewall may drop the port.',
        () => hardClose(raw),
      );
      this.client = result;
      this.raw = raw;
      return result;
    } catch (error) {
      hardClose(raw);
      const appError = toLdapAppError(error, { endpoint: this.label, operation: 'bind' });
      transcript.add('serverToClient', proto, `${appError.message}`);
      throw appError;
    }
  }

  private async run<T>(operation: string, call: CallOptions, idempotent: boolean, fn: (client: Client) => Promise<T>): Promise<T> {
    throwIfAborted(call.signal, operation);
    const reused = this.client?.isConnected === true;
    const attempt = async () => {
      const client = await this.connect(call);
      return withTimeout(
        raceSignal(fn(client), call.signal, operation, () => this.reset()),
        this.options.timeoutMs,
        `${this.label} did not answer the ${operation} within ${Math.round(this.options.timeoutMs / 1000)} s.`,
        'The domain controller may be down, overloaded or unreachable; try again or choose another one.',
        () => this.reset(),
      );
    };
    try {
      return await attempt();
    } catch (error) {
      const appError = toLdapAppError(error, { endpoint: this.label, operation });
      call.transcript?.add('serverToClient', 'LDAP', `${operation[0]!.toUpperCase()}${operation.slice(1)} failed: ${appError.message}`);
      if (appError.kind === 'connect' || appError.kind === 'timeout' || appError.kind === 'cancelled') this.reset();
      // A search on a connection the server closed while idle is simply repeated on a fresh one.
      if (idempotent && reused && isConnectionLost(appError)) return attempt().catch((e: unknown) => {
        throw toLdapAppError(e, { endpoint: this.label, operation });
      });
      throw appError;
    }
  }

  search(params: SearchParams, call: CallOptions = {}): Promise<LdapEntry[]> {
    const transcript = call.transcript ?? nullTranscript;
    return this.run('search', call, true, async (client) => {
      transcript.add('clientToServer', 'LDAP', `${describeSearch(params)}`);
      const result = await client.search(params.base, {
        scope: params.scope,
        filter: params.filter,
        attributes: params.attributes,
        sizeLimit: params.sizeLimit ?? 0,
        derefAliases: 'never',
      });
      transcript.add('serverToClient', 'LDAP', `Search Result Done, Status: Success, Entries: ${result.searchEntries.length}`);
      return result.searchEntries.map(normalizeEntry);
    });
  }

  async *searchPages(params: SearchParams, pageSize: number, call: CallOptions = {}): AsyncIterable<LdapEntry[]> {
    const transcript = call.transcript ?? nullTranscript;
    throwIfAborted(call.signal, 'search');
    const client = await this.run('search', call, true, (c) => Promise.resolve(c));
    transcript.add('clientToServer', 'LDAP', `${describeSearch(params)}, Paged: ${pageSize}`);
    const pages = client.searchPaginated(params.base, {
      scope: params.scope,
      filter: params.filter,
      attributes: params.attributes,
      derefAliases: 'never',
      paged: { pageSize },
      ...(params.sizeLimit ? { sizeLimit: params.sizeLimit } : {}),
    });
    let total = 0;
    try {
      while (true) {
        const next = await withTimeout(
          raceSignal(pages.next(), call.signal, 'search', () => this.reset()),
          this.options.timeoutMs,
          `${this.label} did not send the next page of results in time.`,
          'The domain controller may be down or overloaded; try again.',
          () => this.reset(),
        );
        if (next.done) break;
        total += next.value.searchEntries.length;
        yield next.value.searchEntries.map(normalizeEntry);
      }
      transcript.add('serverToClient', 'LDAP', `Search Result Done, Status: Success, Entries: ${total}`);
    } catch (error) {
      const appError = toLdapAppError(error, { endpoint: this.label, operation: 'search' });
      if (appError.kind === 'connect' || appError.kind === 'timeout' || appError.kind === 'cancelled') this.reset();
      throw appError;
    } finally {
      void pages.return(undefined).catch(() => {});
    }
  }

  modify(dn: string, changes: readonly Modification[], call: CallOptions = {}): Promise<void> {
    const transcript = call.transcript ?? nullTranscript;
    return this.run('modify', call, false, async (client) => {
      const summary = changes.map((c) => `${c.operation} ${c.attribute} [${c.values.join(', ')}]`).join('; ');
      transcript.add('clientToServer', 'LDAP', `Modify Request, Object: ${dn}, Changes: ${summary}`);
      await client.modify(
        dn,
        changes.map((c) => new Change({ operation: c.operation, modification: new Attribute({ type: c.attribute, values: [...c.values] }) })),
      );
      transcript.add('serverToClient', 'LDAP', 'Modify Response, Status: Success');
    });
  }

  /**
   * Drops the connection with a TCP reset: the kernel discards anything still unsent, so a request
   * we gave up on cannot reach the server later (a plain close would keep retransmitting it).
   */
  reset(): void {
    const raw = this.raw;
    this.client = null;
    this.raw = null;
    hardClose(raw);
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.raw = null;
    if (client) await client.unbind().catch(() => {});
  }
}

function hardClose(raw: Socket | null): void {
  if (!raw || raw.destroyed) return;
  try {
    raw.resetAndDestroy();
  } catch {
    raw.destroy();
  }
}
