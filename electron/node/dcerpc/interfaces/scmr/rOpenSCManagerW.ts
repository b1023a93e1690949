// [MS-SCMR] 3.1.4.15 ROpenSCManagerW (Opnum 15)
//   DWORD ROpenSCManagerW([in, string, unique] SVCCTL_HANDLEW lpMachineName,
//                         [in, string, unique] wchar_t* lpDatabaseName,
//                         [in] DWORD dwDesiredAccess, [out] LPSC_RPC_HANDLE lpScHandle);
import { NdrReader, NdrWriter } from '../../ndr.ts';
import type { ScHandle } from './constants.ts';

export interface OpenSCManagerRequest {
  /** "\\EXCH01", as the original sends it. */
  machineName: string | null;
  /** NULL opens ServicesActive. */
  databaseName: string | null;
  desiredAccess: number;
}

export function encodeOpenSCManagerRequest(r: OpenSCManagerRequest): Uint8Array {
  const w = new NdrWriter();
  w.topLevelPointer(r.machineName, (ww, s) => ww.wideString(s));
  w.topLevelPointer(r.databaseName, (ww, s) => ww.wideString(s));
  w.u32(r.desiredAccess);
  return w.finish();
}

export interface OpenSCManagerResponse {
  handle: ScHandle;
  status: number;
}

export function decodeOpenSCManagerResponse(stub: Uint8Array): OpenSCManagerResponse {
  const r = new NdrReader(stub);
  return { handle: r.contextHandle(), status: r.u32() };
}

export function encodeOpenSCManagerResponse(resp: OpenSCManagerResponse): Uint8Array {
  return new NdrWriter().contextHandle(resp.handle).u32(resp.status).finish();
}
