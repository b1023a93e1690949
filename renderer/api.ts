// The only module that reads window.api. Everything else calls `api.*`, which resolves with the
// value or throws an ApiError carrying the plain error data from main.
import type { AppErrorData } from '../shared/errors.ts';
import type { Api, IpcResult, JobEvent, RequestOf, ResultOf } from '../shared/ipc/contract.ts';
import type { OperationName } from '../shared/ipc/channels.ts';
import { createWebSocketApi } from './bridge/webSocketApi.ts';

export class ApiError extends Error {
  constructor(readonly data: AppErrorData) {
    super(data.message);
    this.name = 'ApiError';
  }
}

// In the browser shell there is no preload, so the WebSocket bridge takes its place as window.api
// (tests drive the same object with page.evaluate).
const bridge: Api = window.api ?? (window.api = createWebSocketApi(window.location));

async function call<N extends OperationName>(name: N, request: RequestOf<N>): Promise<ResultOf[N]> {
  const invoke = bridge[name] as unknown as (request: RequestOf<N>) => Promise<IpcResult<ResultOf[N]>>;
  const result = await invoke(request);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

export const api = {
  getAppInfo: () => call('getAppInfo', {}),
  searchUsers: (query: string) => call('searchUsers', { query }),
  getUser: (dn: string) => call('getUser', { dn }),
  applyChange: (request: RequestOf<'applyChange'>) => call('applyChange', request),
  listExchangeServers: () => call('listExchangeServers', {}),
  findAddressHolders: (request: RequestOf<'findAddressHolders'>) => call('findAddressHolders', request),
  resetTrainingDirectory: () => call('resetTrainingDirectory', {}),
  listProfiles: () => call('listProfiles', {}),
  testConnection: (profile: RequestOf<'testConnection'>['profile']) => call('testConnection', { profile }),
  connectDirectory: (profile: RequestOf<'connectDirectory'>['profile']) => call('connectDirectory', { profile }),
  useTrainingDirectory: () => call('useTrainingDirectory', {}),
  getWorkflowSettings: () => call('getWorkflowSettings', {}),
  saveWorkflowSettings: (settings: RequestOf<'saveWorkflowSettings'>['settings']) => call('saveWorkflowSettings', { settings }),
  onJobEvent: (listener: (event: JobEvent) => void) => bridge.onJobEvent(listener),
};

/** Turns anything caught into error data for display. */
export function errorData(error: unknown): AppErrorData {
  if (error instanceof ApiError) return error.data;
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
