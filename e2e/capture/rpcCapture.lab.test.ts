// Wireshark's dissectors (an independent implementation) read a capture of our endpoint mapper
// and bind traffic: every PDU decodes, nothing is malformed, and the fields are what we meant.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeLab, requireLab } from '../lab/lab.ts';
import { resetFaults } from '../lab/faults.ts';
import type { LabInfo } from '../lab/labInfo.ts';
import { mapTcpEndpoint } from '../../electron/node/dcerpc/endpointMapper.ts';
import { DRSUAPI, ENDPOINT_MAPPER, SYSTEM_ATTENDANT } from '../../electron/node/dcerpc/interfaces/knownInterfaces.ts';
import { encodeEptMapRequest } from '../../electron/node/dcerpc/interfaces/epm.ts';
import { RpcClient } from '../../electron/node/dcerpc/rpcClient.ts';
import { connectTcp } from '../../electron/node/dcerpc/tcpTransport.ts';
import { probeSystemAttendant } from '../../electron/node/probes/saReachability.ts';
import { malformedPackets, readFields, startCapture, tsharkAvailable } from './tshark.ts';

const TIMEOUT_MS = 3000;
let lab: LabInfo;
let file: string;
let drsuapiPort: number;
let saPort: number;
/** lab.json also describes the bridge the hosts hang off (not yet in LabInfo). */
const bridgeOf = (info: LabInfo): { name: string; address: string } =>
  (info as LabInfo & { bridge?: { name: string; address: string } }).bridge ?? { name: 'adlab0', address: '10.250.0.1' };

describeLab('tshark decodes our DCE/RPC traffic', () => {
  beforeAll(async () => {
    lab = requireLab();
    resetFaults();
    if (!tsharkAvailable()) throw new Error('tshark is not installed (apt-get install tshark)');
    const exch = lab.exchangeHosts[0]!;
    saPort = exch.saPort;
    drsuapiPort = (await mapTcpEndpoint(lab.dc.address, DRSUAPI, { timeoutMs: TIMEOUT_MS })).ports[0]!;
    // The lab bridge only, and only the ports this test talks to (other lab tests may run SMB/LDAP).
    const capture = await startCapture({ interfaces: [bridgeOf(lab).name], captureFilter: `tcp port 135 or tcp port ${saPort} or tcp port ${drsuapiPort}` });
    file = capture.file;
    try {
      // 1. ept_map on the DC, then a bind to the mapped port.
      await mapTcpEndpoint(lab.dc.address, DRSUAPI, { timeoutMs: TIMEOUT_MS });
      // 2. The seed's steps 5-6 on an Exchange host: ept_map for the SA, bind to its port.
      expect((await probeSystemAttendant(exch.address, { timeoutMs: TIMEOUT_MS })).outcome).toBe('accepted');
      // 3. A rejected bind (wrong major version) and a fault (unknown opnum) from the SA stand-in.
      expect((await probeSystemAttendant(exch.address, { timeoutMs: TIMEOUT_MS, staticPort: saPort, iface: { ...SYSTEM_ATTENDANT, major: 15 } })).outcome).toBe('rejected');
      // 4. A fragmented request (small max_xmit_frag) and a fault on the DC's endpoint mapper.
      const client = new RpcClient(await connectTcp(lab.dc.address, 135, { timeoutMs: TIMEOUT_MS, maxFragment: 1432 }), { timeoutMs: TIMEOUT_MS });
      try {
        await client.bind(ENDPOINT_MAPPER);
        const padded = new Uint8Array(4000);
        padded.set(encodeEptMapRequest({ iface: DRSUAPI }));
        await client.call(3, padded, undefined, 'ept_map');
        await client.call(99, new Uint8Array(4)).catch(() => undefined);
      } finally {
        await client.close();
      }
    } finally {
      await capture.stop();
    }
  });
  afterAll(() => resetFaults());

  const decodeAs = (): string[] => [`tcp.port==${saPort},dcerpc`, `tcp.port==${drsuapiPort},dcerpc`];

  it('finds no malformed packet and no dissector error', async () => {
    expect(await malformedPackets(file, { decodeAs: decodeAs() })).toEqual([]);
  });

  it('decodes our binds with the interfaces, versions, call ids and fragment sizes we sent', async () => {
    const binds = await readFields(
      file,
      `dcerpc.pkt_type == 11 && ip.src == ${bridgeOf(lab).address}`,
      ['dcerpc.cn_bind_to_uuid', 'dcerpc.cn_bind_if_ver', 'dcerpc.cn_bind_if_ver_minor', 'dcerpc.cn_call_id', 'dcerpc.cn_max_xmit', 'dcerpc.cn_assoc_group', 'dcerpc.cn_bind_trans_id'],
      { decodeAs: decodeAs() },
    );
    const summary = binds.map(([uuid, major, minor, call, xmit, assoc, transfer]) => `${uuid} v${major}.${minor} call=${call} xmit=${xmit} assoc=${assoc} ${transfer}`);
    const ndr = '8a885d04-1ceb-11c9-9fe8-08002b104860';
    expect(summary).toEqual([
      `${ENDPOINT_MAPPER.uuid} v3.0 call=1 xmit=5840 assoc=0x00000000 ${ndr}`,
      `${ENDPOINT_MAPPER.uuid} v3.0 call=1 xmit=5840 assoc=0x00000000 ${ndr}`,
      `${SYSTEM_ATTENDANT.uuid} v16.1 call=1 xmit=5840 assoc=0x00000000 ${ndr}`,
      `${SYSTEM_ATTENDANT.uuid} v15.1 call=1 xmit=5840 assoc=0x00000000 ${ndr}`,
      `${ENDPOINT_MAPPER.uuid} v3.0 call=1 xmit=1432 assoc=0x00000000 ${ndr}`,
    ]);
    const acks = await readFields(file, 'dcerpc.pkt_type == 12', ['dcerpc.cn_ack_result', 'dcerpc.cn_ack_reason'], { decodeAs: decodeAs() });
    expect(acks.map(([result]) => result)).toEqual(['0', '0', '0', '2', '0']);
  });

  it('decodes our ept_map requests: the tower floors, the queried interface and port 135', async () => {
    const requests = await readFields(
      file,
      // The fragmented one is decoded once, in the frame that completes its reassembly.
      'epm.max_towers',
      ['epm.uuid', 'epm.tower.proto_id', 'epm.proto.tcp_port', 'epm.proto.ip', 'epm.max_towers'],
    );
    // epm.uuid lists the object (nil, as Windows sends it), the interface and the transfer syntax.
    const nil = '00000000-0000-0000-0000-000000000000';
    const ndr = '8a885d04-1ceb-11c9-9fe8-08002b104860';
    expect(requests.map((r) => r.join(' '))).toEqual([
      `${nil},${DRSUAPI.uuid},${ndr} 0x0d,0x0d,0x0b,0x07,0x09 135 0.0.0.0 4`,
      `${nil},${SYSTEM_ATTENDANT.uuid},${ndr} 0x0d,0x0d,0x0b,0x07,0x09 135 0.0.0.0 4`,
      `${nil},${DRSUAPI.uuid},${ndr} 0x0d,0x0d,0x0b,0x07,0x09 135 0.0.0.0 4`,
    ]);
  });

  it('sees the fragmented request as one reassembled call of the right length', async () => {
    const all = await readFields(file, `dcerpc.pkt_type == 0 && dcerpc.cn_alloc_hint <= 4000 && dcerpc.cn_frag_len == 1432`, ['dcerpc.cn_flags', 'dcerpc.cn_alloc_hint']);
    // 4000 bytes in 1408-byte pieces: 4000, 2592 (full fragments), then 1184 in a shorter last one.
    expect(all.map(([flags, hint]) => `${flags} ${hint}`)).toEqual(['0x01 4000', '0x00 2592']);
    const last = await readFields(file, 'dcerpc.pkt_type == 0 && dcerpc.cn_alloc_hint == 1184', ['dcerpc.cn_flags', 'dcerpc.cn_frag_len']);
    expect(last.map((r) => r.join(' '))).toEqual(['0x02 1208']);
  });

  it('would notice a malformed PDU (negative control: a truncated ept_map stub)', async () => {
    const capture = await startCapture({ interfaces: [bridgeOf(lab).name], captureFilter: 'tcp port 135' });
    try {
      const client = new RpcClient(await connectTcp(lab.dc.address, 135, { timeoutMs: TIMEOUT_MS }), { timeoutMs: TIMEOUT_MS });
      try {
        await client.bind(ENDPOINT_MAPPER);
        // Cut inside the tower: Samba answers rpc_x_bad_stub_data and Wireshark flags the request.
        const error = await client.call(3, encodeEptMapRequest({ iface: DRSUAPI }).slice(0, 60)).catch((e: unknown) => e);
        expect(error).toMatchObject({ kind: 'rpcFault', code: 0x6f7 });
      } finally {
        await client.close();
      }
    } finally {
      await capture.stop();
    }
    // Other lab traffic to port 135 may share the capture: look for our malformed request.
    const malformed = await malformedPackets(capture.file);
    expect(malformed.some((line) => line.includes('Map request') && line.includes('Malformed Packet')), malformed.join('\n')).toBe(true);
  });
});
