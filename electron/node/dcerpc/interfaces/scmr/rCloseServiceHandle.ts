// [MS-SCMR] 3.1.4.1 RCloseServiceHandle (Opnum 0)
//   DWORD RCloseServiceHandle([in, out] LPSC_RPC_HANDLE hSCObject);
import { NdrReader, NdrWriter } from '../../ndr.ts';
import type { ScHandle } from './constants.ts';

export function encodeCloseServiceHandleRequest(handle: ScHandle): Uint8Array {
  return new NdrWriter().contextHandle(handle).finish();
}

export interface CloseServiceHandleResponse {
  /** All zero once closed. */
  handle: ScHandle;
  status: number;
}

export function decodeCloseServiceHandleResponse(stub: Uint8Array): CloseServiceHandleResponse {
  const r = new NdrReader(stub);
  return { handle: r.contextHandle(), status: r.u32() };
}

export function encodeCloseServiceHandleResponse(resp: CloseServiceHandleResponse): Uint8Array {
  return new NdrWriter().contextHandle(resp.handle).u32(resp.status).finish();
}
