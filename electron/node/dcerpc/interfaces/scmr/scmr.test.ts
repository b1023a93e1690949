// Golden stubs from impacket's dcerpc/v5/scmr.py (ROpenSCManagerW, ROpenServiceW,
// RQueryServiceStatus, RCloseServiceHandle and their responses). impacket picks a random
// referent id and fills alignment padding with 0xbf; we count referent ids up from 0x00020000 and
// pad with zeros ([C706] 14.2.2 leaves padding octets unspecified), so those bytes are normalized.
import { describe, expect, it } from 'vitest';
import { serviceStateName, win32ErrorName } from './constants.ts';
import { decodeCloseServiceHandleResponse, encodeCloseServiceHandleRequest, encodeCloseServiceHandleResponse } from './rCloseServiceHandle.ts';
import { decodeOpenSCManagerResponse, encodeOpenSCManagerRequest, encodeOpenSCManagerResponse } from './rOpenSCManagerW.ts';
import { decodeOpenServiceResponse, encodeOpenServiceRequest, encodeOpenServiceResponse } from './rOpenServiceW.ts';
import { decodeQueryServiceStatusResponse, encodeQueryServiceStatusRequest, encodeQueryServiceStatusResponse } from './rQueryServiceStatus.ts';
import { scmrError } from './scmrClient.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const handle = Buffer.from('0000000011223344556677889900aabbccddeeff', 'hex');

describe('MS-SCMR stubs match impacket', () => {
  it('ROpenSCManagerW request', () => {
    const impacket = 'c9d300000900000000000000090000005c005c004500580043004800300031000000bfbf0000000004000000';
    const ours = impacket.replace(/^c9d30000/, '00000200').replace('bfbf', '0000');
    expect(hex(encodeOpenSCManagerRequest({ machineName: '\\\\EXCH01', databaseName: null, desiredAccess: 4 }))).toBe(ours);
  });

  it('ROpenServiceW request', () => {
    const impacket =
      '0000000011223344556677889900aabbccddeeff0d000000000000000d0000004d005300450078006300680061006e0067006500530041000000bfbf04000000';
    expect(hex(encodeOpenServiceRequest({ scManager: handle, serviceName: 'MSExchangeSA', desiredAccess: 4 }))).toBe(impacket.replace('bfbf', '0000'));
  });

  it('RQueryServiceStatus and RCloseServiceHandle requests', () => {
    expect(hex(encodeQueryServiceStatusRequest(handle))).toBe('0000000011223344556677889900aabbccddeeff');
    expect(hex(encodeCloseServiceHandleRequest(handle))).toBe('0000000011223344556677889900aabbccddeeff');
  });

  it('decodes impacket responses and round-trips them', () => {
    const open = decodeOpenSCManagerResponse(Buffer.from('0000000011223344556677889900aabbccddeeff00000000', 'hex'));
    expect(hex(open.handle)).toBe(hex(handle));
    expect(open.status).toBe(0);
    expect(hex(encodeOpenSCManagerResponse(open))).toBe('0000000011223344556677889900aabbccddeeff00000000');

    const denied = decodeOpenServiceResponse(encodeOpenServiceResponse({ handle: Buffer.alloc(20), status: 5 }));
    expect(denied.status).toBe(5);

    const query = decodeQueryServiceStatusResponse(Buffer.from('1000000004000000050000000000000000000000000000000000000000000000', 'hex'));
    expect(query.serviceStatus).toEqual({ serviceType: 0x10, currentState: 4, controlsAccepted: 5, win32ExitCode: 0, serviceSpecificExitCode: 0, checkPoint: 0, waitHint: 0 });
    expect(hex(encodeQueryServiceStatusResponse(query))).toBe('1000000004000000050000000000000000000000000000000000000000000000');

    const closed = decodeCloseServiceHandleResponse(Buffer.alloc(24));
    expect(closed.status).toBe(0);
    expect(hex(encodeCloseServiceHandleResponse(closed))).toBe('00'.repeat(24));
  });

  it('rejects a truncated response', () => {
    expect(() => decodeQueryServiceStatusResponse(Buffer.alloc(10))).toThrow(/ended early/);
  });

  it('names states and errors', () => {
    expect(serviceStateName(1)).toBe('SERVICE_STOPPED');
    expect(serviceStateName(4)).toBe('SERVICE_RUNNING');
    expect(serviceStateName(7)).toBe('SERVICE_PAUSED');
    expect(serviceStateName(9)).toBeUndefined();
    expect(win32ErrorName(1060)).toBe('ERROR_SERVICE_DOES_NOT_EXIST');
    expect(win32ErrorName(5)).toBe('ERROR_ACCESS_DENIED');
    expect(scmrError('ROpenServiceW', 5, 'x').kind).toBe('accessDenied');
    const missing = scmrError('ROpenServiceW', 1060, '\\\\h\\PIPE\\svcctl');
    expect(missing.kind).toBe('win32');
    expect(missing.code).toBe(1060);
    expect(missing.message).toContain('ERROR_SERVICE_DOES_NOT_EXIST (1060, 0x00000424)');
  });
});
