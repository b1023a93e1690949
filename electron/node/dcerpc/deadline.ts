// Every network operation runs under a deadline and the caller's AbortSignal; this turns either
// abort into the right AppError ('timeout' vs 'cancelled').
import { AppError } from '../../../shared/errors.ts';

/** A signal that aborts when `signal` aborts or after `timeoutMs`. */
export function deadlineSignal(timeoutMs: number, signal?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(Math.max(1, Math.round(timeoutMs)));
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

export function isTimeoutReason(reason: unknown): boolean {
  return reason instanceof Error && reason.name === 'TimeoutError';
}

/** The AppError for an aborted signal: 'timeout' when the deadline fired, otherwise 'cancelled'. */
export function abortError(signal: AbortSignal, what: string, timeoutMs?: number): AppError {
  if (isTimeoutReason(signal.reason)) {
    return new AppError(
      {
        kind: 'timeout',
        message: `${what} did not answer within ${timeoutMs !== undefined ? `${timeoutMs} ms` : 'the time limit'}.`,
        hint: 'Check that the server is up and that no firewall drops the traffic.',
      },
      { cause: signal.reason },
    );
  }
  if (signal.reason instanceof AppError) return signal.reason;
  return new AppError({ kind: 'cancelled', message: `${what} was cancelled.` }, { cause: signal.reason });
}
