import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { EXCHANGE_SERVER_FILTER, exchangeContainer, hostFromNetworkAddress, listExchangeServers } from './exchangeServers.ts';
import { entry, ReplaySession } from './replaySession.ts';

const CONFIG = 'CN=Configuration,DC=corp,DC=example,DC=test';
const server = (name: string, created: string, networkAddress: string[] = []) =>
  entry(`CN=${name},CN=Servers,CN=First Administrative Group,CN=Administrative Groups,CN=First Organization,${exchangeContainer(CONFIG)}`, {
    cn: name,
    name,
    whenCreated: created,
    networkAddress,
  });

describe('listExchangeServers', () => {
  it('sends the original query and orders by whenCreated, oldest first', async () => {
    const session = new ReplaySession(() => [
      server('EXCH01', '20261203164521.0Z', ['ncacn_vns_spp:EXCH01', 'ncacn_ip_tcp:exch01.corp.example.test', 'ncacn_nb_tcp:EXCH01']),
      server('EXCH02', '20261203164518.0Z'),
      server('EXCH03', '20261203164520.0Z', ['ncalrpc:EXCH03']),
    ]);
    const servers = await listExchangeServers(session, CONFIG);
    expect(servers.map((s) => [s.name, s.host, s.whenCreated])).toEqual([
      ['EXCH02', 'EXCH02', '2026-12-03T16:45:18.000Z'],
      ['EXCH03', 'EXCH03', '2026-12-03T16:45:20.000Z'],
      ['EXCH01', 'exch01.corp.example.test', '2026-12-03T16:45:21.000Z'],
    ]);
    expect(session.requests[0]).toMatchObject({
      op: 'search',
      params: { base: `CN=Microsoft Exchange,CN=Services,${CONFIG}`, scope: 'sub', filter: EXCHANGE_SERVER_FILTER },
    });
  });

  it('treats a missing Microsoft Exchange container as no servers', async () => {
    const session = new ReplaySession(() => {
      throw new AppError({ kind: 'notFound', code: 32, message: 'no such object' });
    });
    expect(await listExchangeServers(session, CONFIG)).toEqual([]);
  });

  it('takes the TCP string binding only', () => {
    expect(hostFromNetworkAddress(['NCACN_IP_TCP:exch.example.test'], 'EXCH')).toBe('exch.example.test');
    expect(hostFromNetworkAddress(['ncacn_nb_nb:EXCH'], 'EXCH')).toBe('EXCH');
  });
});
