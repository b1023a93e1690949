// The System Attendant check against the lab's Exchange hosts: samba-dcerpcd's endpoint mapper
// maps the SA interface to 4560, where an impacket DCERPCServer answers the bind. Faults from
// e2e/lab/faults.ts turn the failure cases on per host.
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeLab, requireLab } from '../../../e2e/lab/lab.ts';
import { resetFaults, setFault } from '../../../e2e/lab/faults.ts';
import type { LabExchangeHost, LabInfo } from '../../../e2e/lab/labInfo.ts';
import { formatWireLine, Transcript } from '../../../shared/transcript.ts';
import { probeSystemAttendant } from './saReachability.ts';

const TIMEOUT_MS = 1500;
let lab: LabInfo;
let host: LabExchangeHost;

describeLab('System Attendant reachability on lab Exchange hosts', () => {
  beforeAll(() => {
    lab = requireLab();
    host = lab.exchangeHosts.find((h) => h.name === 'EXCH01') ?? lab.exchangeHosts[0]!;
  });
  afterEach(() => resetFaults());
  afterAll(() => resetFaults());

  it('maps the SA interface to its port and the bind is accepted, with the seed-style transcript', async () => {
    const transcript = new Transcript();
    const result = await probeSystemAttendant(host.address, { timeoutMs: TIMEOUT_MS, iface: lab.systemAttendant }, { transcript });
    expect(result).toMatchObject({ outcome: 'accepted', port: host.saPort, portSource: 'endpointMapper' });
    const lines = transcript.lines.map(formatWireLine);
    expect(lines[0]).toBe(
      'Client to Server MSRPC MSRPC: c/o Bind: UUID{E1AF8308-5D1F-11C9-91A4-08002B14A0FA} Endpoint Mapper Call=0x1 Assoc Grp=0x0 Xmit=0x16D0 Recv=0x16D0',
    );
    expect(lines[1]).toMatch(/^Server to Client MSRPC MSRPC: c\/o Bind Ack: Call=0x1 Assoc Grp=0x[0-9A-F]+ Xmit=0x16D0 Recv=0x16D0$/);
    expect(lines[2]).toBe('Client to Server EPM EPM: Request: ept_map: NDR, System Attendant v16.1, RPC v5, 0.0.0.0:135 (0x87) [DCE endpoint resolution(135)]');
    // The lab registers minor 0 (ept_map matches uuid and major only).
    expect(lines[3]).toBe(`Server to Client EPM EPM: Response: ept_map: NDR, System Attendant v16.0, RPC v5, ${host.address}:${host.saPort} (0x11D0) [${host.saPort}]`);
    expect(lines[4]).toBe('Client to Server MSRPC MSRPC: c/o Bind: UUID{469D6EC0-0D87-11CE-B13F-00AA003BAC6C} System Attendant Call=0x1 Assoc Grp=0x0 Xmit=0x16D0 Recv=0x16D0');
    expect(lines[5]).toMatch(/^Server to Client MSRPC MSRPC: c\/o Bind Ack: Call=0x1 Assoc Grp=0x[0-9A-F]+ Xmit=0x16D0 Recv=0x16D0$/);
  });

  it('gives Win32 1753 (c00706d9) when the SA is not registered', async () => {
    setFault('sa-unregistered', true, host.name);
    const result = await probeSystemAttendant(host.address, { timeoutMs: TIMEOUT_MS });
    expect(result).toMatchObject({ outcome: 'notRegistered', error: { kind: 'win32', code: 1753, details: { dialogId: 'c00706d9' } } });
    if (result.outcome !== 'notRegistered') return;
    expect(result.error.message).toMatch(/^There are no more endpoints available from the endpoint mapper\./);
  });

  it('times out within the configured timeout when the SA port drops packets', async () => {
    setFault('sa-drop', true, host.name);
    const result = await probeSystemAttendant(host.address, { timeoutMs: TIMEOUT_MS });
    expect(result).toMatchObject({ outcome: 'unreachable', stage: 'systemAttendant', port: host.saPort, failure: 'timedOut', error: { kind: 'timeout' } });
    if (result.outcome !== 'unreachable') return;
    // The endpoint mapper answered first (a few ms); the connect then waits out its own deadline.
    expect(result.elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    expect(result.elapsedMs).toBeLessThan(TIMEOUT_MS + 700);
    expect(result.error.message).toContain(`within ${TIMEOUT_MS} ms`);
  });

  it('fails fast, as refused, when the SA port rejects', async () => {
    setFault('sa-reject', true, host.name);
    const result = await probeSystemAttendant(host.address, { timeoutMs: TIMEOUT_MS });
    expect(result).toMatchObject({ outcome: 'unreachable', stage: 'systemAttendant', failure: 'refused', error: { kind: 'connect' } });
    expect(result.elapsedMs).toBeLessThan(500);
  });

  it('names the reason when the server rejects the interface (wrong version setting)', async () => {
    const result = await probeSystemAttendant(host.address, { timeoutMs: TIMEOUT_MS, iface: { ...lab.systemAttendant, major: 15 }, staticPort: host.saPort });
    expect(result).toMatchObject({ outcome: 'rejected', reason: 'abstract_syntax_not_supported', error: { kind: 'rpcBindRejected', code: 1 } });
  });

  it('uses a static port (KB 270836) without the endpoint mapper', async () => {
    // With the SA unregistered the endpoint mapper would answer 1753: the static port skips it.
    setFault('sa-unregistered', true, host.name);
    const transcript = new Transcript();
    const result = await probeSystemAttendant(host.address, { timeoutMs: TIMEOUT_MS, staticPort: host.saPort }, { transcript });
    expect(result).toMatchObject({ outcome: 'accepted', port: host.saPort, portSource: 'static' });
    expect(transcript.lines.some((l) => l.text.includes('ept_map'))).toBe(false);
  });

  it('reports the endpoint mapper as unreachable when the host is down', async () => {
    setFault('down', true, host.name);
    const result = await probeSystemAttendant(host.address, { timeoutMs: TIMEOUT_MS });
    expect(result).toMatchObject({ outcome: 'unreachable', stage: 'endpointMapper', port: 135 });
    expect(result.elapsedMs).toBeLessThan(TIMEOUT_MS + 700);
  });
});
