// The one wrapper every IPC channel goes through, in Electron's main process and in the browser
// shell alike: check the sender, parse the payload with the contract's schema, run the handler,
// and answer `{ ok, value } | { ok: false, error }` with errors as plain data.
import { z } from 'zod';
import { AppError, toErrorData } from '../../../shared/errors.ts';
import {
  channels,
  operationNames,
  requestSchemas,
  type IpcResult,
  type JobEvent,
  type OperationName,
  type ParsedRequestOf,
  type ResultOf,
} from '../../../shared/ipc/contract.ts';

export interface CallContext {
  /** Sends a job event to the renderer that made the call. */
  emit(event: JobEvent): void;
}

export type Handlers = {
  [N in OperationName]: (request: ParsedRequestOf<N>, context: CallContext) => Promise<ResultOf[N]>;
};

export interface Sender {
  /** The URL of the frame that sent the request (Electron senderFrame.url, or the shell page). */
  url: string | undefined;
}

export interface IpcRouter {
  readonly channels: readonly string[];
  handle(channel: string, payload: unknown, sender: Sender, context: CallContext): Promise<IpcResult<unknown>>;
}

const byChannel = new Map<string, OperationName>(operationNames.map((name) => [channels[name], name]));

export function createIpcRouter(handlers: Handlers, isTrustedSender: (sender: Sender) => boolean): IpcRouter {
  return {
    channels: [...byChannel.keys()],
    async handle(channel, payload, sender, context) {
      const name = byChannel.get(channel);
      if (!name) return failure('invalidRequest', `Unknown request "${channel}".`);
      if (!isTrustedSender(sender)) {
        return failure('invalidRequest', 'The request came from a page that is not AddressDesk, so it was refused.');
      }
      const parsed = requestSchemas[name].safeParse(payload ?? {});
      if (!parsed.success) {
        return failure('invalidRequest', `The request "${channel}" was malformed: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`);
      }
      try {
        const handler = handlers[name] as (request: unknown, context: CallContext) => Promise<unknown>;
        return { ok: true, value: await handler(parsed.data, context) };
      } catch (error) {
        return { ok: false, error: toErrorData(error) };
      }
    },
  };
}

function failure(kind: 'invalidRequest', message: string): IpcResult<never> {
  return { ok: false, error: new AppError({ kind, message, hint: 'Restart AddressDesk; if it happens again, report it.' }).toData() };
}
