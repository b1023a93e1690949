// A small MS-SCMR client over a bound RpcClient: the four calls the original makes, each with its
// SVCCTL transcript line in the NetMon style of the seed trace.
import { AppError, hex32 } from '../../../../../shared/errors.ts';
import { nullTranscript, type TranscriptSink } from '../../../../../shared/transcript.ts';
import type { RpcClient } from '../../rpcClient.ts';
import { ScmrOpnum, serviceStateName, SVCCTL_INTERFACE, win32ErrorName, Win32Error, type ScHandle } from './constants.ts';
import { decodeCloseServiceHandleResponse, encodeCloseServiceHandleRequest } from './rCloseServiceHandle.ts';
import { decodeOpenSCManagerResponse, encodeOpenSCManagerRequest } from './rOpenSCManagerW.ts';
import { decodeOpenServiceResponse, encodeOpenServiceRequest } from './rOpenServiceW.ts';
import { decodeQueryServiceStatusResponse, encodeQueryServiceStatusRequest, type ServiceStatus } from './rQueryServiceStatus.ts';

/** A failed SCM method: kind 'accessDenied' for 5, 'win32' otherwise; `code` is the Win32 error. */
export function scmrError(operation: string, status: number, target: string): AppError {
  const name = win32ErrorName(status);
  return new AppError({
    kind: status === Win32Error.ERROR_ACCESS_DENIED ? 'accessDenied' : 'win32',
    code: status,
    message: `${operation} on ${target} failed: ${name} (${status}, ${hex32(status)}).`,
    details: { operation, win32: status, name },
  });
}

export class ScmrClient {
  private readonly transcript: TranscriptSink;

  constructor(
    private readonly rpc: RpcClient,
    transcript?: TranscriptSink,
  ) {
    this.transcript = transcript ?? nullTranscript;
  }

  async bind(signal?: AbortSignal): Promise<void> {
    await this.rpc.bind(SVCCTL_INTERFACE, signal);
  }

  private statusLine(op: string, status: number, extra = ''): void {
    this.transcript.add('serverToClient', 'SVCCTL', `${op} Response, ${extra}Status = ${win32ErrorName(status)}`);
  }

  async openSCManager(machineName: string | null, desiredAccess: number, signal?: AbortSignal): Promise<ScHandle> {
    const op = 'ROpenSCManagerW';
    this.transcript.add('clientToServer', 'SVCCTL', `${op} Request, Machine=${machineName ?? 'NULL'} Database=NULL Access=${hex32(desiredAccess)}`);
    const stub = await this.rpc.call(ScmrOpnum.ROpenSCManagerW, encodeOpenSCManagerRequest({ machineName, databaseName: null, desiredAccess }), signal, op);
    const resp = decodeOpenSCManagerResponse(stub);
    this.statusLine(op, resp.status);
    if (resp.status !== 0) throw scmrError(op, resp.status, this.rpc.description);
    return resp.handle;
  }

  async openService(scManager: ScHandle, serviceName: string, desiredAccess: number, signal?: AbortSignal): Promise<ScHandle> {
    const op = 'ROpenServiceW';
    this.transcript.add('clientToServer', 'SVCCTL', `${op} Request, ServiceName=${serviceName} DesiredAccess=${hex32(desiredAccess)}`);
    const stub = await this.rpc.call(ScmrOpnum.ROpenServiceW, encodeOpenServiceRequest({ scManager, serviceName, desiredAccess }), signal, op);
    const resp = decodeOpenServiceResponse(stub);
    this.statusLine(op, resp.status);
    if (resp.status !== 0) throw scmrError(op, resp.status, this.rpc.description);
    return resp.handle;
  }

  async queryServiceStatus(service: ScHandle, signal?: AbortSignal): Promise<ServiceStatus> {
    const op = 'RQueryServiceStatus';
    this.transcript.add('clientToServer', 'SVCCTL', `${op} Request`);
    const stub = await this.rpc.call(ScmrOpnum.RQueryServiceStatus, encodeQueryServiceStatusRequest(service), signal, op);
    const resp = decodeQueryServiceStatusResponse(stub);
    const state = resp.serviceStatus.currentState;
    this.statusLine(op, resp.status, resp.status === 0 ? `State=${hex32(state)}: ${serviceStateName(state) ?? 'unknown state'}, ` : '');
    if (resp.status !== 0) throw scmrError(op, resp.status, this.rpc.description);
    return resp.serviceStatus;
  }

  async closeServiceHandle(handle: ScHandle, signal?: AbortSignal): Promise<void> {
    const op = 'RCloseServiceHandle';
    this.transcript.add('clientToServer', 'SVCCTL', `${op} Request`);
    const stub = await this.rpc.call(ScmrOpnum.RCloseServiceHandle, encodeCloseServiceHandleRequest(handle), signal, op);
    const resp = decodeCloseServiceHandleResponse(stub);
    this.statusLine(op, resp.status);
    if (resp.status !== 0) throw scmrError(op, resp.status, this.rpc.description);
  }
}
