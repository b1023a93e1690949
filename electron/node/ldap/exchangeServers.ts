// Step 1-2 of the original flow (seed trace): list Exchange servers from the Configuration
// partition and order them by whenCreated, oldest first.
import type { ExchangeServer } from '../../../shared/model/directory.ts';
import { AppError } from '../../../shared/errors.ts';
import { rdnValue, splitDn } from '../../../shared/model/dn.ts';
import { generalizedTimeToIso } from './generalizedTime.ts';
import { first, values } from './session.ts';
import type { CallOptions, LdapEntry, LdapSession } from './session.ts';

export const EXCHANGE_SERVER_FILTER = '(objectCategory=msExchExchangeServer)';

export function exchangeContainer(configurationNc: string): string {
  return `CN=Microsoft Exchange,CN=Services,${configurationNc}`;
}

/** networkAddress holds RPC string bindings ("ncacn_ip_tcp:exch01.corp.example.test"); the TCP one is the host. */
export function hostFromNetworkAddress(networkAddress: readonly string[], name: string): string {
  for (const value of networkAddress) {
    const match = /^ncacn_ip_tcp:(.+)$/i.exec(value.trim());
    if (match && match[1]!.trim()) return match[1]!.trim();
  }
  return name;
}

export function toExchangeServer(entry: LdapEntry): ExchangeServer {
  const name = first(entry, 'name') ?? first(entry, 'cn') ?? rdnValue(splitDn(entry.dn)[0] ?? '');
  return {
    dn: entry.dn,
    name,
    host: hostFromNetworkAddress(values(entry, 'networkAddress'), name),
    whenCreated: generalizedTimeToIso(first(entry, 'whenCreated')) ?? '',
  };
}

/** Oldest first; the DN breaks ties so the order is the same on every run. */
export function orderByWhenCreated(servers: ExchangeServer[]): ExchangeServer[] {
  return [...servers].sort((a, b) => a.whenCreated.localeCompare(b.whenCreated) || a.dn.localeCompare(b.dn));
}

export async function listExchangeServers(session: LdapSession, configurationNc: string, call: CallOptions = {}): Promise<ExchangeServer[]> {
  try {
    const entries = await session.search(
      { base: exchangeContainer(configurationNc), scope: 'sub', filter: EXCHANGE_SERVER_FILTER, attributes: ['cn', 'name', 'networkAddress', 'whenCreated'] },
      call,
    );
    return orderByWhenCreated(entries.map(toExchangeServer));
  } catch (error) {
    // No "Microsoft Exchange" container: the organisation has no Exchange servers at all.
    if (error instanceof AppError && error.kind === 'notFound') return [];
    throw error;
  }
}
