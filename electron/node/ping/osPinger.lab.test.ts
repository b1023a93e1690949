// The OS ping utility against lab hosts: one alive, one whose namespace drops ICMP echo requests.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeLab, requireLab } from '../../../e2e/lab/lab.ts';
import { resetFaults, setFault } from '../../../e2e/lab/faults.ts';
import type { LabInfo } from '../../../e2e/lab/labInfo.ts';
import { Transcript } from '../../../shared/transcript.ts';
import { OsPinger } from './osPinger.ts';

let lab: LabInfo;

describeLab('ping through the OS utility', () => {
  beforeAll(() => {
    lab = requireLab();
  });
  afterEach(() => resetFaults());

  it('gets an echo reply and a round-trip time from a live lab host', async () => {
    const host = lab.exchangeHosts[0]!;
    const transcript = new Transcript();
    const result = await new OsPinger({ transcript }).ping(host.address, { timeoutMs: 1000 });
    expect(result).toMatchObject({ alive: true, address: host.address });
    if (!result.alive) return;
    expect(result.rttMs).toBeGreaterThan(0);
    expect(result.rttMs).toBeLessThan(1000);
    expect(transcript.lines.map((l) => `${l.direction} ${l.protocol}`)).toEqual(['clientToServer ICMP', 'serverToClient ICMP']);
  });

  it('reports a host whose ICMP is dropped as not alive, within the timeout', async () => {
    const host = lab.exchangeHosts[1]!;
    setFault('icmp', true, host.name);
    const started = performance.now();
    const result = await new OsPinger().ping(host.address, { timeoutMs: 1000 });
    const elapsed = performance.now() - started;
    expect(result).toMatchObject({ alive: false, failure: 'timeout' });
    // ping -W 1 waits one second for the reply, then exits.
    expect(elapsed).toBeGreaterThan(900);
    expect(elapsed).toBeLessThan(2500);
  });
});
