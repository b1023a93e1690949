// Channel names (`feature:verb`), free of zod so the renderer and preload bundles stay small.
export const channels = {
  getAppInfo: 'app:getInfo',
  searchUsers: 'directory:searchUsers',
  getUser: 'directory:getUser',
  applyChange: 'directory:applyChange',
  listExchangeServers: 'directory:listExchangeServers',
  findAddressHolders: 'directory:findAddressHolders',
  resetTrainingDirectory: 'training:reset',
  listProfiles: 'connection:listProfiles',
  testConnection: 'connection:test',
  connectDirectory: 'connection:connect',
  useTrainingDirectory: 'connection:useTraining',
  getWorkflowSettings: 'workflow:getSettings',
  saveWorkflowSettings: 'workflow:saveSettings',
} as const;

export type OperationName = keyof typeof channels;
export const operationNames = Object.keys(channels) as OperationName[];

/** Main → renderer job events. */
export const EVENT_CHANNEL = 'job:progress';
