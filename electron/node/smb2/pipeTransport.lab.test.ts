// Our SMB2 + SVCCTL traffic as Wireshark sees it: captured on the lab bridge, dissected by
// tshark (an independent implementation). No malformed packets, every SMB2 message after the
// session setup signed, and the four SVCCTL operations decoded.
import { describe, expect, it } from 'vitest';
import { malformedPackets, readFields, startCapture, tsharkAvailable } from '../../../e2e/capture/tshark.ts';
import { requireLab } from '../../../e2e/lab/lab.ts';
import { SVCCTL_PIPE } from '../dcerpc/interfaces/scmr/constants.ts';
import { ScmrClient } from '../dcerpc/interfaces/scmr/scmrClient.ts';
import { RpcClient } from '../dcerpc/rpcClient.ts';
import { parseAccount, type NtlmCredentials } from '../ntlm/credentials.ts';
import { openPipeTransport, type PipeMode } from './pipeTransport.ts';

// Our streams are told apart from other lab traffic by these ClientGuids.
const GUIDS = ['a0d35e5a-0001-4000-8000-00000000ad01', 'a0d35e5a-0002-4000-8000-00000000ad02'];

async function queryService(host: string, serverName: string, credentials: NtlmCredentials, service: string, clientGuid: string, mode: PipeMode = 'writeRead'): Promise<number> {
  const transport = await openPipeTransport({ host, serverName, credentials, pipe: SVCCTL_PIPE, timeoutMs: 5000, clientGuid, mode });
  try {
    const scm = new ScmrClient(new RpcClient(transport, { timeoutMs: 5000, protocolLabel: 'SVCCTL' }));
    await scm.bind();
    const manager = await scm.openSCManager(`\\\\${serverName}`, 4);
    const handle = await scm.openService(manager, service, 4);
    const status = await scm.queryServiceStatus(handle);
    await scm.closeServiceHandle(handle);
    await scm.closeServiceHandle(manager);
    return status.currentState;
  } finally {
    await transport.close();
  }
}

const truthy = (v: string | undefined) => v === '1' || v === 'True' || v === 'true';

describe('SMB2 + SVCCTL on the wire', () => {
  it('tshark decodes our traffic cleanly and sees every message after SESSION_SETUP signed', async () => {
    const lab = requireLab();
    expect(tsharkAvailable()).toBe(true);
    const exch = lab.exchangeHosts.at(-1)!;
    const capture = await startCapture({ interfaces: ['adlab0'], captureFilter: `tcp port 445 and (host ${lab.dc.address} or host ${exch.address})` });
    try {
      expect(await queryService(lab.dc.address, lab.dc.name, parseAccount(lab.admin.downLevel, lab.admin.password), 'NETLOGON', GUIDS[0]!)).toBe(4);
      await queryService(exch.address, exch.name, parseAccount(`${exch.admin.domain}\\${exch.admin.user}`, exch.admin.password), 'MSExchangeSA', GUIDS[1]!);
    } finally {
      await capture.stop();
    }

    expect(await malformedPackets(capture.file)).toEqual([]);

    // Streams that are ours.
    const negotiates = await readFields(capture.file, 'smb2.cmd == 0 && smb2.flags.response == 0', ['tcp.stream', 'smb2.client_guid']);
    const ours = new Set(negotiates.filter(([, guid]) => GUIDS.some((g) => guid?.includes(g))).map(([stream]) => stream));
    expect(ours.size).toBe(2);

    const rows = await readFields(capture.file, 'smb2', ['tcp.stream', 'frame.number', 'smb2.cmd', 'smb2.flags.response', 'smb2.flags.signature', 'smb2.nt_status', 'smb2.flags.async']);
    for (const stream of ours) {
      // One SMB2 message per frame here (we never compound); fields of several would be comma-joined.
      const messages = rows.filter((r) => r[0] === stream).map(([, frame, cmd, response, signed, status, async]) => ({ frame, cmd: Number(cmd), response: truthy(response), signed: truthy(signed), status: Number(status), async: truthy(async) }));
      const setupDone = messages.findIndex((m) => m.cmd === 1 && m.response && m.status === 0);
      expect(setupDone, `stream ${stream}: no successful SESSION_SETUP`).toBeGreaterThan(0);
      // The server's final SESSION_SETUP response is signed ([MS-SMB2] 3.3.5.5.3), then everything after it.
      const after = messages.slice(setupDone).filter((m) => !(m.async && m.status === 0x103));
      expect(after.length).toBeGreaterThan(10);
      expect(after.filter((m) => !m.signed), `unsigned SMB2 messages in stream ${stream}`).toEqual([]);
      // TREE_CONNECT, CREATE, WRITE/READ, CLOSE, TREE_DISCONNECT, LOGOFF all present
      for (const cmd of [3, 5, 9, 8, 6, 4, 2]) expect(after.some((m) => m.cmd === cmd), `command ${cmd} in stream ${stream}`).toBe(true);
    }

    // SVCCTL as Wireshark decodes it: ROpenSCManagerW (15), ROpenServiceW (16), RQueryServiceStatus (6), RCloseServiceHandle (0).
    const svcctl = await readFields(capture.file, 'svcctl && dcerpc.pkt_type == 0', ['tcp.stream', 'svcctl.opnum']);
    for (const stream of ours) {
      expect(svcctl.filter(([s]) => s === stream).map(([, op]) => Number(op))).toEqual([15, 16, 6, 0, 0]);
    }
  });

  it('FSCTL_PIPE_TRANSCEIVE mode gives the same answers, and tshark decodes it cleanly', async () => {
    const lab = requireLab();
    const exch = lab.exchangeHosts.at(-1)!;
    const capture = await startCapture({ interfaces: ['adlab0'], captureFilter: `tcp port 445 and host ${lab.dc.address}` });
    try {
      const admin = parseAccount(lab.admin.downLevel, lab.admin.password);
      expect(await queryService(lab.dc.address, lab.dc.name, admin, 'NETLOGON', GUIDS[0]!, 'transceive')).toBe(4);
      expect(await queryService(exch.address, exch.name, parseAccount(`${exch.admin.domain}\\${exch.admin.user}`, exch.admin.password), 'MSExchangeSA', GUIDS[1]!, 'transceive')).toBe(
        await queryService(exch.address, exch.name, parseAccount(`${exch.admin.domain}\\${exch.admin.user}`, exch.admin.password), 'MSExchangeSA', GUIDS[1]!, 'writeRead'),
      );
    } finally {
      await capture.stop();
    }
    expect(await malformedPackets(capture.file)).toEqual([]);
    // IOCTL requests (cmd 11) with FSCTL_PIPE_TRANSCEIVE, all signed
    // (an interim STATUS_PENDING answer is unsigned by design: [MS-SMB2] 3.3.4.1.1)
    const ioctls = (await readFields(capture.file, 'smb2.cmd == 11', ['smb2.ioctl.function', 'smb2.flags.signature', 'smb2.nt_status'])).filter(
      ([, , status]) => status !== '0x00000103',
    );
    expect(ioctls.length).toBeGreaterThanOrEqual(12); // bind + 5 calls, request and response each
    expect(ioctls.every(([fn, signed]) => fn === '0x0011c017' && truthy(signed))).toBe(true);
    const svcctl = await readFields(capture.file, 'svcctl && dcerpc.pkt_type == 2', ['svcctl.opnum']);
    expect(svcctl.map(([op]) => Number(op))).toEqual([15, 16, 6, 0, 0]);
  });
});
