// Golden bytes from impacket (../testdata/impacketGolden.py prints them; each test names the call).
import { describe, expect, it } from 'vitest';
import { NDR_SYNTAX } from '../pdu.ts';
import { decodeEptMapResponse, describeTower, encodeEptMapRequest, EPT_S_NOT_REGISTERED, notRegisteredError } from './epm.ts';
import { decodeTower, encodeTcpTower } from './epmTower.ts';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const bytes = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
const SA = { uuid: '469d6ec0-0d87-11ce-b13f-00aa003bac6c', major: 16, minor: 1 };

// epm.EPMTower(EPMRPCInterface SA v16.1, EPMRPCDataRepresentation NDR v2.0, EPMProtocolIdentifier
// FLOOR_RPCV5_IDENTIFIER, EPMPortAddr IpPort=135, EPMHostAddr inet_aton('0.0.0.0')).getData()
const TOWER_SA_QUERY =
  '050013000dc06e9d46870dce11b13f00aa003bac6c10000200010013000d045d888aeb1cc9119fe808002b10486002000200000001000b0200000001000702000087010009040000000000';
// same with IpPort=4560, inet_aton('172.29.13.38')
const TOWER_SA_4560 =
  '050013000dc06e9d46870dce11b13f00aa003bac6c10000200010013000d045d888aeb1cc9119fe808002b10486002000200000001000b02000000010007020011d00100090400ac1d0d26';
// epm.ept_map(max_towers=4, map_tower=TOWER_SA_QUERY) with obj ReferentID 0x20000 and map_tower
// ReferentID 0x20004 (hept_map's structure with our deterministic ids). impacket fills alignment
// padding with 0xab: the one pad byte after the tower (offset 107) is written as 00 by us.
const EPT_MAP_REQUEST =
  '0000020000000000000000000000000000000000040002004b0000004b000000050013000dc06e9d46870dce11b13f00aa003bac6c10000200010013000d045d888aeb1cc9119fe808002b10486002000200000001000b0200000001000702000087010009040000000000ab000000000000000000000000000000000000000004000000';
// epm.ept_mapResponse(num_towers=1, ITowers=[twr_p_t(TOWER_SA_4560, ReferentID=3)], MaximumCount=4, status=0)
// (impacket pads with 0xbf before the status)
const EPT_MAP_RESPONSE =
  '000000000000000000000000000000000000000001000000040000000000000001000000030000004b0000004b000000050013000dc06e9d46870dce11b13f00aa003bac6c10000200010013000d045d888aeb1cc9119fe808002b10486002000200000001000b02000000010007020011d00100090400ac1d0d26bf00000000';
// epm.ept_mapResponse(num_towers=0, ITowers=[], MaximumCount=4, status=0x16c9a0d6)
const EPT_MAP_NOT_REGISTERED = '000000000000000000000000000000000000000000000000040000000000000000000000d6a0c916';

describe('protocol towers', () => {
  it('encodes the ncacn_ip_tcp query tower exactly as impacket does', () => {
    expect(hex(encodeTcpTower({ iface: SA, transferSyntax: NDR_SYNTAX, port: 135, address: '0.0.0.0' }))).toBe(TOWER_SA_QUERY);
    expect(hex(encodeTcpTower({ iface: SA, transferSyntax: NDR_SYNTAX, port: 4560, address: '172.29.13.38' }))).toBe(TOWER_SA_4560);
  });

  it('decodes a tower and describes it in NetMon style', () => {
    const tower = decodeTower(bytes(TOWER_SA_4560));
    expect(tower).toMatchObject({ iface: SA, transferSyntax: NDR_SYNTAX, protocolSequence: 'ncacn_ip_tcp', port: 4560, address: '172.29.13.38', rpcMinor: 0 });
    expect(describeTower(tower)).toBe('NDR, System Attendant v16.1, RPC v5, 172.29.13.38:4560 (0x11D0) [4560]');
    expect(describeTower(decodeTower(bytes(TOWER_SA_QUERY)))).toBe('NDR, System Attendant v16.1, RPC v5, 0.0.0.0:135 (0x87) [DCE endpoint resolution(135)]');
  });

  it('prints an interface missing from the name table as NetMon did: the seed\'s exact lines', () => {
    const other = { uuid: '12345678-0d87-11ce-b13f-00aa003bac6c', major: 16, minor: 1 };
    const query = decodeTower(encodeTcpTower({ iface: other, transferSyntax: NDR_SYNTAX, port: 135, address: '0.0.0.0' }));
    const answer = decodeTower(encodeTcpTower({ iface: other, transferSyntax: NDR_SYNTAX, port: 4560, address: '172.29.13.38' }));
    // Seed, step 5: "EPM: Request: ept_map: NDR, unknown v16.1, RPC v5, 0.0.0.0:135 (0x87) [DCE endpoint resolution(135)]"
    expect(`Request: ept_map: ${describeTower(query)}`).toBe('Request: ept_map: NDR, unknown v16.1, RPC v5, 0.0.0.0:135 (0x87) [DCE endpoint resolution(135)]');
    // "EPM: Response: ept_map: NDR, unknown v16.1, RPC v5, 172.29.13.38:4560 (0x11D0) [4560]"
    expect(`Response: ept_map: ${describeTower(answer)}`).toBe('Response: ept_map: NDR, unknown v16.1, RPC v5, 172.29.13.38:4560 (0x11D0) [4560]');
  });

  it('rejects a truncated tower', () => {
    expect(() => decodeTower(bytes(TOWER_SA_4560.slice(0, 60)))).toThrow(expect.objectContaining({ kind: 'decode' }));
  });
});

describe('ept_map stubs', () => {
  it('encodes the request like impacket (padding bytes aside)', () => {
    const ours = hex(encodeEptMapRequest({ iface: SA }));
    expect(ours).toBe(EPT_MAP_REQUEST.slice(0, 214) + '00' + EPT_MAP_REQUEST.slice(216));
  });

  it('decodes a response with one tower', () => {
    const response = decodeEptMapResponse(bytes(EPT_MAP_RESPONSE));
    expect(response.status).toBe(0);
    expect(response.towers.map(hex)).toEqual([TOWER_SA_4560]);
  });

  it('decodes ept_s_not_registered and turns it into Win32 1753 / c00706d9', () => {
    const response = decodeEptMapResponse(bytes(EPT_MAP_NOT_REGISTERED));
    expect(response.status).toBe(EPT_S_NOT_REGISTERED);
    expect(response.towers).toEqual([]);
    const error = notRegisteredError(SA, '10.250.0.11:135');
    expect(error.kind).toBe('win32');
    expect(error.code).toBe(1753);
    expect(error.message).toMatch(/^There are no more endpoints available from the endpoint mapper\./);
    expect(error.message).toContain('1753');
    expect(error.details).toMatchObject({ dialogId: 'c00706d9' });
  });
});
