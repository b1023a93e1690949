// [MS-SCMR] 3.1.4.7 RQueryServiceStatus (Opnum 6)
//   DWORD RQueryServiceStatus([in] SC_RPC_HANDLE hService, [out] LPSERVICE_STATUS lpServiceStatus);
// SERVICE_STATUS is [MS-SCMR] 2.2.47: seven DWORDs.
import { NdrReader, NdrWriter } from '../../ndr.ts';
import type { ScHandle } from './constants.ts';

export interface ServiceStatus {
  serviceType: number;
  currentState: number;
  controlsAccepted: number;
  win32ExitCode: number;
  serviceSpecificExitCode: number;
  checkPoint: number;
  waitHint: number;
}

export function encodeQueryServiceStatusRequest(service: ScHandle): Uint8Array {
  return new NdrWriter().contextHandle(service).finish();
}

export interface QueryServiceStatusResponse {
  serviceStatus: ServiceStatus;
  status: number;
}

export function decodeQueryServiceStatusResponse(stub: Uint8Array): QueryServiceStatusResponse {
  const r = new NdrReader(stub);
  const serviceStatus: ServiceStatus = {
    serviceType: r.u32(),
    currentState: r.u32(),
    controlsAccepted: r.u32(),
    win32ExitCode: r.u32(),
    serviceSpecificExitCode: r.u32(),
    checkPoint: r.u32(),
    waitHint: r.u32(),
  };
  return { serviceStatus, status: r.u32() };
}

export function encodeQueryServiceStatusResponse(resp: QueryServiceStatusResponse): Uint8Array {
  const s = resp.serviceStatus;
  return new NdrWriter()
    .u32(s.serviceType)
    .u32(s.currentState)
    .u32(s.controlsAccepted)
    .u32(s.win32ExitCode)
    .u32(s.serviceSpecificExitCode)
    .u32(s.checkPoint)
    .u32(s.waitHint)
    .u32(resp.status)
    .finish();
}
