// [MS-SCMR] 3.1.4.16 ROpenServiceW (Opnum 16)
//   DWORD ROpenServiceW([in] SC_RPC_HANDLE hSCManager, [in, string, range(0, SC_MAX_NAME_LENGTH)] wchar_t* lpServiceName,
//                       [in] DWORD dwDesiredAccess, [out] LPSC_RPC_HANDLE lpServiceHandle);
import { NdrReader, NdrWriter } from '../../ndr.ts';
import type { ScHandle } from './constants.ts';

export interface OpenServiceRequest {
  scManager: ScHandle;
  serviceName: string;
  desiredAccess: number;
}

export function encodeOpenServiceRequest(r: OpenServiceRequest): Uint8Array {
  const w = new NdrWriter();
  w.contextHandle(r.scManager);
  // A top-level [ref] pointer has no wire form: only the string ([C706] 14.3.12.1).
  w.topLevelPointer(r.serviceName, (ww, s) => ww.wideString(s), 'ref');
  w.u32(r.desiredAccess);
  return w.finish();
}

export interface OpenServiceResponse {
  handle: ScHandle;
  status: number;
}

export function decodeOpenServiceResponse(stub: Uint8Array): OpenServiceResponse {
  const r = new NdrReader(stub);
  return { handle: r.contextHandle(), status: r.u32() };
}

export function encodeOpenServiceResponse(resp: OpenServiceResponse): Uint8Array {
  return new NdrWriter().contextHandle(resp.handle).u32(resp.status).finish();
}
