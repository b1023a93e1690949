// ldapts has no AbortSignal support: we race each operation against the signal and let the caller
// drop the connection when the signal wins (the request may still be running on the server).
import { AppError } from '../../../shared/errors.ts';

export function cancelledError(what: string, cause?: unknown): AppError {
  return new AppError({ kind: 'cancelled', message: `The ${what} was cancelled.` }, { cause });
}

export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw cancelledError(what, signal.reason);
}

/** Resolves or rejects with `promise`, or rejects with kind 'cancelled' as soon as `signal` aborts (then runs onAbort). */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined, what: string, onAbort?: () => void): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => {});
    onAbort?.();
    return Promise.reject(cancelledError(what, signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      promise.catch(() => {});
      onAbort?.();
      reject(cancelledError(what, signal.reason));
    };
    signal.addEventListener('abort', abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', abort);
        reject(error);
      },
    );
  });
}

/** Rejects with kind 'timeout' when `promise` takes longer than `ms` (then runs onTimeout). */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: string, hint: string, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      promise.catch(() => {});
      onTimeout?.();
      reject(new AppError({ kind: 'timeout', message, hint }));
    }, ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
