import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { readAllValues, rangedPart } from './rangeRetrieval.ts';
import { entry, ReplaySession } from './replaySession.ts';
import type { ReplayRequest } from './replaySession.ts';
import { readUser } from './users.ts';

const DN = 'CN=Range Mailbox,OU=Operations,OU=Staff,DC=corp,DC=example,DC=test';
const all = Array.from({ length: 3200 }, (_, i) => `smtp:range${String(i).padStart(4, '0')}@corp.example.test`);

/** What AD does with MaxValRange=1500 ([MS-ADTS] 3.1.1.3.1.3.3): never more than 1500 values per answer. */
function adForcedRange(request: ReplayRequest) {
  if (request.op !== 'search') throw new Error('unexpected');
  const attr = request.params.attributes.find((a) => a.toLowerCase().startsWith('proxyaddresses'))!;
  const m = /;range=(\d+)-(\d+|\*)$/i.exec(attr);
  const low = m ? Number(m[1]) : 0;
  const askedHigh = m && m[2] !== '*' ? Number(m[2]) : Infinity;
  const high = Math.min(askedHigh, low + 1499, all.length - 1);
  const last = high === all.length - 1;
  const values = all.slice(low, high + 1);
  const ranged = { [`proxyAddresses;range=${low}-${last ? '*' : high}`]: values };
  if (!m) {
    // A plain request: the other attributes, the first window, and an empty plain attribute (as ldapts reports it).
    return [entry(DN, { displayName: 'Range Mailbox', sAMAccountName: 'range.mailbox', mail: 'range.mailbox@corp.example.test', whenChanged: '20261203164518.0Z', proxyAddresses: [], ...ranged })];
  }
  return [entry(DN, ranged)];
}

describe('range retrieval ([MS-ADTS] 3.1.1.3.1.3.3)', () => {
  it('reads a ranged attribute name', () => {
    expect(rangedPart(entry(DN, { 'proxyAddresses;range=0-1499': ['a'] }), 'proxyAddresses')).toEqual({ low: 0, high: 1499, values: ['a'] });
    expect(rangedPart(entry(DN, { 'proxyAddresses;range=1500-*': ['b'] }), 'proxyAddresses')).toEqual({ low: 1500, high: null, values: ['b'] });
    expect(rangedPart(entry(DN, { proxyAddresses: ['c'] }), 'proxyAddresses')).toBeNull();
  });

  it("completes AD's forced ranging of a plain request: 3,200 values in 3 answers, in order", async () => {
    const session = new ReplaySession(adForcedRange);
    const user = await readUser(session, DN);
    expect(user.proxyAddresses).toEqual(all);
    expect(user.displayName).toBe('Range Mailbox');
    expect(user.whenChanged).toBe('2026-12-03T16:45:18.000Z');
    expect(session.requests.map((r) => (r.op === 'search' ? r.params.attributes.join(',') : r.op))).toEqual([
      'displayName,sAMAccountName,mail,proxyAddresses,msExchPoliciesExcluded,legacyExchangeDN,whenChanged',
      'proxyAddresses;range=1500-*',
      'proxyAddresses;range=3000-*',
    ]);
  });

  it('asks explicit windows when told to (the lab test uses this against Samba)', async () => {
    const session = new ReplaySession(adForcedRange);
    const values = await readAllValues(session, DN, 'proxyAddresses', null, { step: 1000 });
    expect(values).toEqual(all);
    expect(session.requests).toHaveLength(4);
  });

  it('never returns a partial list when the server skips values', async () => {
    const session = new ReplaySession((r) => {
      const attr = r.op === 'search' ? r.params.attributes[0]! : '';
      return attr.includes('range=1500') ? [entry(DN, { 'proxyAddresses;range=1600-*': ['x'] })] : [];
    });
    const first = entry(DN, { 'proxyAddresses;range=0-1499': all.slice(0, 1500) });
    const error = await readAllValues(session, DN, 'proxyAddresses', first).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('decode');
  });

  it('takes an unranged answer as complete (Samba, or fewer than 1,500 values)', async () => {
    const session = new ReplaySession(() => {
      throw new Error('no second request expected');
    });
    expect(await readAllValues(session, DN, 'proxyAddresses', entry(DN, { proxyAddresses: ['SMTP:a@b', 'smtp:c@d'] }))).toEqual(['SMTP:a@b', 'smtp:c@d']);
    expect(await readAllValues(session, DN, 'proxyAddresses', entry(DN, {}))).toEqual([]);
  });
});
