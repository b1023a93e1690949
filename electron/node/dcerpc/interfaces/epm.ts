// The endpoint mapper, [C706] Appendix O (ept interface e1af8308-5d1f-11c9-91a4-08002b14a0fa v3.0)
// and [MS-RPCE] 2.2.1.2 / 3.1.1.5.3. Only ept_map (opnum 3) is needed: "which port serves this
// interface?".
//
//   void ept_map([in] handle_t h, [in, ptr] uuid_p_t object, [in, ptr] twr_p_t map_tower,
//                [in, out] ept_lookup_handle_t *entry_handle, [in, range(0,500)] unsigned32 max_towers,
//                [out] unsigned32 *num_towers,
//                [out, ptr, size_is(max_towers), length_is(*num_towers)] twr_p_t *towers,
//                [out] error_status_t *status);
//   typedef struct { unsigned32 tower_length; [size_is(tower_length)] byte tower_octet_string[]; } twr_t;
import { AppError, hex32 } from '../../../../shared/errors.ts';
import { nullTranscript, type TranscriptSink } from '../../../../shared/transcript.ts';
import { CONTEXT_HANDLE_LENGTH, NdrReader, NdrWriter } from '../ndr.ts';
import { NDR_SYNTAX, type SyntaxId } from '../pdu.ts';
import type { InterfaceId, RpcClient } from '../rpcClient.ts';
import { faultStatusName } from '../statusNames.ts';
import { NIL_UUID } from '../uuid.ts';
import { decodeTower, encodeTcpTower, type DecodedTower } from './epmTower.ts';
import { interfaceName } from './knownInterfaces.ts';

export const EPM_OPNUM = { eptMap: 3 } as const;

/** [C706] Appendix O / [MS-RPCE] 3.1.1.5.3 status codes of ept_* calls. */
export const EPT_S_NOT_REGISTERED = 0x16c9a0d6;
/** The Win32 code Windows turns ept_s_not_registered into: EPT_S_NOT_REGISTERED = 1753. */
export const ERROR_EPT_S_NOT_REGISTERED = 1753;
/** The "ID no" of the original dialog for this error (seed, step 6: "Facility: Win32 ID no: c00706d9"). */
export const EPT_NOT_REGISTERED_DIALOG_ID = 'c00706d9';
export const EPT_NOT_REGISTERED_TEXT = 'There are no more endpoints available from the endpoint mapper.';

export interface EptMapRequest {
  iface: InterfaceId;
  transferSyntax?: SyntaxId;
  /**
   * The port in the query tower. Windows clients put 135 there (the seed's trace shows
   * "0.0.0.0:135 (0x87)"); the server ignores it for matching.
   */
  queryPort?: number;
  /** How many towers we accept; Windows asks for 4, impacket for 1. */
  maxTowers?: number;
}

export interface EptMapResult {
  status: number;
  towers: DecodedTower[];
  /** TCP ports of the ncacn_ip_tcp towers, in the server's order. */
  ports: number[];
}

/** Builds the ept_map request stub. The object pointer is non-null with a nil UUID, as Windows sends it. */
export function encodeEptMapRequest(request: EptMapRequest): Uint8Array {
  const tower = encodeTcpTower({
    iface: request.iface,
    transferSyntax: request.transferSyntax ?? NDR_SYNTAX,
    port: request.queryPort ?? 135,
    address: '0.0.0.0',
  });
  const w = new NdrWriter();
  w.topLevelPointer(NIL_UUID, (ww, uuid) => ww.uuid(uuid), 'full');
  // twr_t is a conformant structure: its max_count (= tower_length) leads ([C706] 14.3.7.1).
  w.topLevelPointer(tower, (ww, t) => ww.u32(t.length).u32(t.length).bytes(t), 'full');
  w.contextHandle(new Uint8Array(CONTEXT_HANDLE_LENGTH));
  w.u32(request.maxTowers ?? 4);
  return w.finish();
}

export interface EptMapResponse {
  entryHandle: Uint8Array;
  status: number;
  towers: Uint8Array[];
}

export function decodeEptMapResponse(stub: Uint8Array): EptMapResponse {
  const r = new NdrReader(stub);
  const entryHandle = r.contextHandle();
  const numTowers = r.u32();
  const pointers = r.conformantVaryingArray((rr) => rr.pointer((rrr) => {
    rrr.u32(); // max_count of the conformant structure
    const length = rrr.u32();
    return rrr.bytes(length);
  }), 500);
  r.flushDeferred();
  r.align(4);
  const status = r.u32();
  if (pointers.length !== numTowers && status === 0) {
    throw new AppError({ kind: 'decode', message: `ept_map said ${numTowers} towers but sent ${pointers.length}.` });
  }
  const towers = pointers.flatMap((p) => (p.value ? [p.value] : []));
  return { entryHandle, status, towers };
}

/** "NDR, System Attendant v16.1, RPC v5, 10.250.0.11:4560 (0x11D0) [4560]", NetMon's EPM summary of a tower. */
export function describeTower(tower: DecodedTower): string {
  const transfer = tower.transferSyntax;
  const transferName = !transfer
    ? 'unknown'
    : transfer.uuid === NDR_SYNTAX.uuid
      ? 'NDR'
      : transfer.uuid === '71710533-beba-4937-8319-b5dbef9ccc36'
        ? 'NDR64'
        : `UUID{${transfer.uuid.toUpperCase()}}`;
  const iface = tower.iface ? `${interfaceName(tower.iface.uuid) ?? 'unknown'} v${tower.iface.major}.${tower.iface.minor}` : 'unknown';
  const rpc = tower.rpcMinor !== undefined ? 'RPC v5' : 'RPC';
  const port = tower.port ?? 0;
  const portName = port === 135 ? 'DCE endpoint resolution(135)' : String(port);
  const where = tower.pipe !== undefined ? tower.pipe : `${tower.address ?? '0.0.0.0'}:${port} (0x${port.toString(16).toUpperCase()}) [${portName}]`;
  return `${transferName}, ${iface}, ${rpc}, ${where}`;
}

/** The error the original showed when the System Attendant is not registered. */
export function notRegisteredError(iface: InterfaceId, where: string, status = EPT_S_NOT_REGISTERED): AppError {
  const name = iface.name ?? interfaceName(iface.uuid) ?? `UUID{${iface.uuid}}`;
  return new AppError({
    kind: 'win32',
    code: ERROR_EPT_S_NOT_REGISTERED,
    message: `${EPT_NOT_REGISTERED_TEXT} (${where} has no endpoint for ${name} v${iface.major}.${iface.minor}; error ${ERROR_EPT_S_NOT_REGISTERED}, ${hex32(status)} ${faultStatusName(status)})`,
    hint: 'The service is not running or not registered on that server, or the interface UUID/version setting is wrong. A static port (KB 270836) skips the endpoint mapper.',
    details: { dialogId: EPT_NOT_REGISTERED_DIALOG_ID, facility: 'Win32', epmStatus: hex32(status), epmStatusName: faultStatusName(status) },
  });
}

/**
 * ept_map on a client already bound to the endpoint mapper (whose protocolLabel should be 'EPM' so
 * that only the EPM line is written per call). Throws AppError 'win32' 1753 for ept_s_not_registered.
 */
export async function eptMap(
  client: RpcClient,
  request: EptMapRequest,
  options: { transcript?: TranscriptSink; signal?: AbortSignal } = {},
): Promise<EptMapResult> {
  const transcript = options.transcript ?? nullTranscript;
  const stub = encodeEptMapRequest(request);
  const queryTower = decodeTower(
    encodeTcpTower({ iface: request.iface, transferSyntax: request.transferSyntax ?? NDR_SYNTAX, port: request.queryPort ?? 135, address: '0.0.0.0' }),
  );
  transcript.add('clientToServer', 'EPM', `Request: ept_map: ${describeTower(queryTower)}`);
  const response = decodeEptMapResponse(await client.call(EPM_OPNUM.eptMap, stub, options.signal, 'ept_map'));
  if (response.status !== 0) {
    transcript.add('serverToClient', 'EPM', `Response: ept_map: Status=${faultStatusName(response.status)} (${hex32(response.status)})`);
    if (response.status === EPT_S_NOT_REGISTERED) throw notRegisteredError(request.iface, client.description, response.status);
    throw new AppError({
      kind: 'rpcFault',
      code: response.status,
      message: `The endpoint mapper on ${client.description} answered ept_map with ${faultStatusName(response.status)} (${hex32(response.status)}).`,
    });
  }
  const towers = response.towers.map(decodeTower);
  transcript.add('serverToClient', 'EPM', `Response: ept_map: ${towers.length > 0 ? towers.map(describeTower).join('; ') : 'no towers'}`);
  const ports = towers.flatMap((t) => (t.protocolSequence === 'ncacn_ip_tcp' && t.port !== undefined ? [t.port] : []));
  if (ports.length === 0) throw notRegisteredError(request.iface, client.description);
  return { status: response.status, towers, ports };
}
