// The browser shell's implementation of Api: the same operations, carried over a loopback WebSocket
// to the shell server, which runs the same handlers as Electron's main process.
import { channels, EVENT_CHANNEL, operationNames, type OperationName } from '../../shared/ipc/channels.ts';
import type { Api, IpcResult, JobEvent } from '../../shared/ipc/contract.ts';

type ShellMessage = { id: number; result: IpcResult<unknown> } | { channel: typeof EVENT_CHANNEL; event: JobEvent };

export function createWebSocketApi(location: Location): Api {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api?token=${encodeURIComponent(token)}`;
  const pending = new Map<number, (result: IpcResult<unknown>) => void>();
  const listeners = new Set<(event: JobEvent) => void>();
  let nextId = 1;
  let socket: Promise<WebSocket> | null = null;

  const lost = (message: string): IpcResult<never> => ({
    ok: false,
    error: { kind: 'connect', message, hint: 'Start the shell again with "npm run web" and open the link it prints.' },
  });

  function connect(): Promise<WebSocket> {
    socket ??= new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('The AddressDesk shell refused the connection (wrong or missing access token).'));
      ws.onclose = () => {
        socket = null;
        for (const settle of pending.values()) settle(lost('The connection to the AddressDesk shell was lost.'));
        pending.clear();
      };
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as ShellMessage;
        if ('id' in data) {
          pending.get(data.id)?.(data.result);
          pending.delete(data.id);
        } else {
          for (const listener of listeners) listener(data.event);
        }
      };
    });
    return socket;
  }

  const call = async (name: OperationName, request: unknown): Promise<IpcResult<unknown>> => {
    let ws: WebSocket;
    try {
      ws = await connect();
    } catch (error) {
      socket = null;
      return lost((error as Error).message);
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, channel: channels[name], payload: request }));
    });
  };

  const api = Object.fromEntries(operationNames.map((name) => [name, (request: unknown) => call(name, request)])) as unknown as Omit<Api, 'onJobEvent'>;
  return {
    ...api,
    onJobEvent(listener) {
      listeners.add(listener);
      void connect().catch(() => undefined);
      return () => listeners.delete(listener);
    },
  } as Api;
}
