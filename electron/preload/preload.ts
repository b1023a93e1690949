// contextBridge only: one function per operation of the shared contract, each a single invoke.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { channels, EVENT_CHANNEL } from '../../shared/ipc/channels.ts';
import type { Api, JobEvent } from '../../shared/ipc/contract.ts';

const api: Api = {
  getAppInfo: (request) => ipcRenderer.invoke(channels.getAppInfo, request),
  searchUsers: (request) => ipcRenderer.invoke(channels.searchUsers, request),
  getUser: (request) => ipcRenderer.invoke(channels.getUser, request),
  applyChange: (request) => ipcRenderer.invoke(channels.applyChange, request),
  listExchangeServers: (request) => ipcRenderer.invoke(channels.listExchangeServers, request),
  findAddressHolders: (request) => ipcRenderer.invoke(channels.findAddressHolders, request),
  resetTrainingDirectory: (request) => ipcRenderer.invoke(channels.resetTrainingDirectory, request),
  listProfiles: (request) => ipcRenderer.invoke(channels.listProfiles, request),
  testConnection: (request) => ipcRenderer.invoke(channels.testConnection, request),
  connectDirectory: (request) => ipcRenderer.invoke(channels.connectDirectory, request),
  useTrainingDirectory: (request) => ipcRenderer.invoke(channels.useTrainingDirectory, request),
  getWorkflowSettings: (request) => ipcRenderer.invoke(channels.getWorkflowSettings, request),
  saveWorkflowSettings: (request) => ipcRenderer.invoke(channels.saveWorkflowSettings, request),
  onJobEvent(listener) {
    const forward = (_event: IpcRendererEvent, jobEvent: JobEvent) => listener(jobEvent);
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('api', api);
