// [MS-SCMR] constants: the interface, opnums, access masks (3.1.4), service states (2.2.47
// SERVICE_STATUS) and the Win32 errors its methods return ([MS-ERREF] 2.2).
import { SVCCTL } from '../knownInterfaces.ts';
import type { InterfaceId } from '../../rpcClient.ts';
import { hex32 } from '../../../../../shared/errors.ts';

/** [MS-SCMR] 1.9: svcctl 367abb81-9844-35f1-ad32-98f038001003 v2.0, over \PIPE\svcctl. */
export const SVCCTL_INTERFACE: InterfaceId = { uuid: SVCCTL.uuid, major: SVCCTL.major, minor: SVCCTL.minor, name: 'svcctl' };
export const SVCCTL_PIPE = 'svcctl';

export const ScmrOpnum = {
  RCloseServiceHandle: 0,
  RQueryServiceStatus: 6,
  ROpenSCManagerW: 15,
  ROpenServiceW: 16,
} as const;

/** [MS-SCMR] 3.1.4 access rights used by the original: SC_MANAGER_ENUMERATE_SERVICE and SERVICE_QUERY_STATUS (both 0x4). */
export const SC_MANAGER_ENUMERATE_SERVICE = 0x00000004;
export const SERVICE_QUERY_STATUS = 0x00000004;

/** [MS-SCMR] 2.2.47 dwCurrentState */
export const ServiceState = {
  SERVICE_STOPPED: 1,
  SERVICE_START_PENDING: 2,
  SERVICE_STOP_PENDING: 3,
  SERVICE_RUNNING: 4,
  SERVICE_CONTINUE_PENDING: 5,
  SERVICE_PAUSE_PENDING: 6,
  SERVICE_PAUSED: 7,
} as const;
export type ServiceStateName = keyof typeof ServiceState;

const stateNames: ReadonlyMap<number, ServiceStateName> = new Map(
  (Object.entries(ServiceState) as [ServiceStateName, number][]).map(([name, code]) => [code, name]),
);

/** "SERVICE_RUNNING", or undefined for a value outside 1..7. */
export function serviceStateName(state: number): ServiceStateName | undefined {
  return stateNames.get(state);
}

/** Win32 error codes the SCM methods return. */
export const Win32Error = {
  ERROR_SUCCESS: 0,
  ERROR_FILE_NOT_FOUND: 2,
  ERROR_ACCESS_DENIED: 5,
  ERROR_INVALID_HANDLE: 6,
  ERROR_INVALID_PARAMETER: 87,
  ERROR_INSUFFICIENT_BUFFER: 122,
  ERROR_INVALID_NAME: 123,
  ERROR_MORE_DATA: 234,
  ERROR_SERVICE_REQUEST_TIMEOUT: 1053,
  ERROR_SERVICE_DOES_NOT_EXIST: 1060,
  ERROR_SERVICE_CANNOT_ACCEPT_CTRL: 1061,
  ERROR_SERVICE_NOT_ACTIVE: 1062,
  ERROR_DATABASE_DOES_NOT_EXIST: 1065,
  ERROR_SERVICE_DISABLED: 1058,
  ERROR_SERVICE_MARKED_FOR_DELETE: 1072,
  ERROR_SHUTDOWN_IN_PROGRESS: 1115,
  RPC_S_SERVER_UNAVAILABLE: 1722,
  RPC_S_ACCESS_DENIED: 5,
} as const;

const win32Names: ReadonlyMap<number, string> = new Map(
  Object.entries(Win32Error)
    .filter(([name]) => name !== 'RPC_S_ACCESS_DENIED')
    .map(([name, code]) => [code, name]),
);

/** "ERROR_SERVICE_DOES_NOT_EXIST", or the hex code for one we have no name for. */
export function win32ErrorName(code: number): string {
  return win32Names.get(code >>> 0) ?? hex32(code);
}

/** An SC_RPC_HANDLE ([MS-SCMR] 2.2.4): a 20-byte context handle. */
export type ScHandle = Uint8Array;
