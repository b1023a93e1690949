// The DCE/RPC core and the endpoint mapper client against the lab's Samba AD DC, cross-checked with
// impacket's hept_map (an independent client). Proof that binds, ept_map, faults and
// fragmentation work on a real server.
import { execFileSync } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';
import { Transcript } from '../../../shared/transcript.ts';
import { describeLab, requireLab } from '../../../e2e/lab/lab.ts';
import type { LabInfo } from '../../../e2e/lab/labInfo.ts';
import { mapTcpEndpoint } from './endpointMapper.ts';
import { eptMap } from './interfaces/epm.ts';
import { DRSUAPI, ENDPOINT_MAPPER, SYSTEM_ATTENDANT } from './interfaces/knownInterfaces.ts';
import { NdrReader, NdrWriter } from './ndr.ts';
import { RpcClient } from './rpcClient.ts';
import { connectTcp } from './tcpTransport.ts';

const TIMEOUT_MS = 3000;
const LSARPC = { uuid: '12345778-1234-abcd-ef00-0123456789ab', major: 0, minor: 0, name: 'lsarpc' };
let lab: LabInfo;

/** impacket's epm.hept_map for the same interface: the independent answer. */
function impacketPort(host: string, uuid: string, version: string): number {
  const script = [
    'import sys',
    'from impacket.dcerpc.v5 import epm',
    'from impacket.uuid import uuidtup_to_bin',
    "print(epm.hept_map(sys.argv[1], uuidtup_to_bin((sys.argv[2], sys.argv[3])), protocol='ncacn_ip_tcp'))",
  ].join('\n');
  const binding = execFileSync('/usr/bin/python3', ['-c', script, host, uuid, version], { encoding: 'utf8', timeout: 20_000 }).trim();
  const port = /\[(\d+)\]$/.exec(binding)?.[1];
  if (!port) throw new Error(`impacket answered "${binding}"`);
  return Number(port);
}

/** [C706] O.3.2 ept_lookup (opnum 2), all elements: used only to get a large, multi-fragment response. */
function eptLookupStub(maxEntries: number): Uint8Array {
  const w = new NdrWriter();
  w.u32(0); // inquiry_type rpc_c_ep_all_elts
  w.u32(0); // object: null
  w.u32(0); // interface_id: null
  w.u32(1); // vers_option rpc_c_vers_all
  w.contextHandle(new Uint8Array(20));
  w.u32(maxEntries);
  return w.finish();
}

describeLab('endpoint mapper on the lab DC', () => {
  beforeAll(() => {
    lab = requireLab();
  });

  it('maps drsuapi v4.0 to the same port as impacket hept_map', async () => {
    const transcript = new Transcript();
    const result = await mapTcpEndpoint(lab.dc.address, DRSUAPI, { timeoutMs: TIMEOUT_MS, transcript });
    expect(result.ports.length).toBeGreaterThan(0);
    expect(result.ports[0]).toBe(impacketPort(lab.dc.address, DRSUAPI.uuid, '4.0'));
    expect(transcript.lines.map((l) => `${l.protocol} ${l.text}`)).toEqual([
      'MSRPC c/o Bind: UUID{E1AF8308-5D1F-11C9-91A4-08002B14A0FA} Endpoint Mapper Call=0x1 Assoc Grp=0x0 Xmit=0x16D0 Recv=0x16D0',
      expect.stringMatching(/^MSRPC c\/o Bind Ack: Call=0x1 Assoc Grp=0x[0-9A-F]+ Xmit=0x16D0 Recv=0x16D0$/),
      'EPM Request: ept_map: NDR, drsuapi v4.0, RPC v5, 0.0.0.0:135 (0x87) [DCE endpoint resolution(135)]',
      expect.stringMatching(new RegExp(`^EPM Response: ept_map: NDR, drsuapi v4\\.0, RPC v5, [0-9.]+:${result.ports[0]} \\(0x[0-9A-F]+\\) \\[${result.ports[0]}\\]$`)),
    ]);
    // And the mapped port really serves drsuapi: the bind is accepted.
    const client = new RpcClient(await connectTcp(lab.dc.address, result.ports[0]!, { timeoutMs: TIMEOUT_MS }), { timeoutMs: TIMEOUT_MS });
    try {
      expect((await client.bind(DRSUAPI)).contextId).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('answers an unregistered interface with Win32 1753 (ept_s_not_registered, ID c00706d9)', async () => {
    const transcript = new Transcript();
    const error = await mapTcpEndpoint(lab.dc.address, SYSTEM_ATTENDANT, { timeoutMs: TIMEOUT_MS, transcript }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'win32', code: 1753, details: { dialogId: 'c00706d9', epmStatus: '0x16C9A0D6' } });
    expect((error as Error).message).toMatch(/^There are no more endpoints available from the endpoint mapper\./);
    expect(transcript.lines.at(-1)?.text).toBe('Response: ept_map: Status=ept_s_not_registered (0x16C9A0D6)');
  });

  it('names a fault: an opnum the interface lacks gives nca_s_op_rng_error, and the association stays usable', async () => {
    const transcript = new Transcript();
    const client = new RpcClient(await connectTcp(lab.dc.address, lab.dc.epmPort, { timeoutMs: TIMEOUT_MS }), { timeoutMs: TIMEOUT_MS, transcript });
    try {
      await client.bind(ENDPOINT_MAPPER);
      const error = await client.call(99, new Uint8Array(4), undefined, 'opnum99').catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'rpcFault', code: 0x1c010002, details: { status: 'nca_s_op_rng_error' } });
      expect((error as Error).message).toContain('nca_s_op_rng_error (0x1C010002)');
      expect(transcript.lines.some((l) => l.text.startsWith('c/o Fault: Call=0x2 Status=nca_s_op_rng_error (0x1C010002)'))).toBe(true);
      // Call ids count on: the next call is 3 and still works.
      const ok = await eptMap(client, { iface: DRSUAPI });
      expect(ok.ports.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });

  it('adds interfaces with alter_context: a rejected one is named, an offered one is accepted', async () => {
    const transcript = new Transcript();
    const port = (await mapTcpEndpoint(lab.dc.address, DRSUAPI, { timeoutMs: TIMEOUT_MS })).ports[0]!;
    const client = new RpcClient(await connectTcp(lab.dc.address, port, { timeoutMs: TIMEOUT_MS }), { timeoutMs: TIMEOUT_MS, transcript });
    try {
      await client.bind(DRSUAPI);
      // Samba's dynamic port does not serve the endpoint mapper: a provider rejection.
      const rejected = await client.bind(ENDPOINT_MAPPER).catch((e: unknown) => e);
      expect(rejected).toMatchObject({ kind: 'rpcBindRejected', code: 1, details: { pdu: 'alter_context_resp', result: 'provider_rejection', reason: 'abstract_syntax_not_supported' } });
      // lsarpc ([MS-LSAD] 12345778-1234-abcd-ef00-0123456789ab v0.0) shares drsuapi's port on a Samba
      // DC (both map to it): accepted as context 2.
      const lsarpcPort = (await mapTcpEndpoint(lab.dc.address, LSARPC, { timeoutMs: TIMEOUT_MS })).ports[0];
      expect(lsarpcPort).toBe(port);
      const lsarpc = await client.bind(LSARPC);
      expect(lsarpc.contextId).toBe(2);
      expect(transcript.lines.map((l) => l.text.split(':')[0])).toEqual(['c/o Bind', 'c/o Bind Ack', 'c/o Alter Cont', 'c/o Alter Cont Resp', 'c/o Alter Cont', 'c/o Alter Cont Resp']);
      expect(transcript.lines[3]!.text).toMatch(/Result=provider_rejection Reason=abstract_syntax_not_supported$/);
      // A call on context 0 still reaches the server after the rejection: a named fault (Samba's
      // drsuapi refuses unauthenticated calls with rpc_s_access_denied), not a broken association.
      const fault = await client.callOn(0, 99, new Uint8Array(4)).catch((e: unknown) => e);
      expect(fault).toMatchObject({ kind: 'rpcFault' });
      expect((fault as Error).message).toMatch(/RPC fault [a-z_]+ \(0x[0-9A-F]{8}\)/);
    } finally {
      await client.close();
    }
  });

  it('fragments a large request and reassembles a multi-fragment response', async () => {
    // Small fragments (the minimum, 1432) on both directions.
    const small = new RpcClient(await connectTcp(lab.dc.address, 135, { timeoutMs: TIMEOUT_MS, maxFragment: 1432 }), { timeoutMs: TIMEOUT_MS, transcript: new Transcript() });
    const large = new RpcClient(await connectTcp(lab.dc.address, 135, { timeoutMs: TIMEOUT_MS }), { timeoutMs: TIMEOUT_MS });
    try {
      const ack = await small.bind(ENDPOINT_MAPPER);
      expect(ack.maxXmitFrag).toBe(1432);
      await large.bind(ENDPOINT_MAPPER);
      const viaSmall = await small.call(2, eptLookupStub(200), undefined, 'ept_lookup');
      const viaLarge = await large.call(2, eptLookupStub(200), undefined, 'ept_lookup');
      expect(viaSmall.length).toBeGreaterThan(1432 * 2);
      expect(viaSmall.length).toBe(viaLarge.length);
      const summary = (stub: Uint8Array): { entries: number; status: number } => {
        const r = new NdrReader(stub);
        r.contextHandle();
        return { entries: r.u32(), status: new DataView(stub.buffer, stub.byteOffset).getUint32(stub.length - 4, true) };
      };
      expect(summary(viaSmall)).toEqual(summary(viaLarge));
      // Everything after the entry handle is the same data.
      expect(Buffer.from(viaSmall.subarray(20)).equals(Buffer.from(viaLarge.subarray(20)))).toBe(true);

      // A 9 KB request stub goes out in 7 fragments; Samba reassembles it and, ignoring the
      // trailing bytes, answers the ept_map at its start.
      const transcript = new Transcript();
      const fragmented = new RpcClient(await connectTcp(lab.dc.address, 135, { timeoutMs: TIMEOUT_MS, maxFragment: 1432 }), { timeoutMs: TIMEOUT_MS, transcript });
      try {
        await fragmented.bind(ENDPOINT_MAPPER);
        const { encodeEptMapRequest, decodeEptMapResponse } = await import('./interfaces/epm.ts');
        const base = encodeEptMapRequest({ iface: DRSUAPI });
        const padded = new Uint8Array(9000);
        padded.set(base);
        const response = decodeEptMapResponse(await fragmented.call(3, padded, undefined, 'ept_map'));
        expect(response.status).toBe(0);
        expect(response.towers.length).toBeGreaterThan(0);
        expect(transcript.lines.find((l) => l.text.startsWith('c/o Request'))?.text).toMatch(/Hint=0x2328 Fragments=7$/);
      } finally {
        await fragmented.close();
      }
    } finally {
      await small.close();
      await large.close();
    }
  });
});
