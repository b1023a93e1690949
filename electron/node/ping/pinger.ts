// The seed's step 3: "If the Exchange Server responds to the ping, the client proceeds". The
// workflow depends on this interface only; OsPinger (osPinger.ts) implements it with the OS utility.

export type PingFailure =
  /** No echo reply within the timeout (ICMP dropped, host down). */
  | 'timeout'
  /** A router or the host answered "destination unreachable". */
  | 'unreachable'
  /** The name did not resolve. */
  | 'unknownHost';

export type PingResult =
  | { alive: true; host: string; rttMs: number; address?: string; ttl?: number }
  | { alive: false; host: string; failure: PingFailure; detail: string };

export interface PingOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface Pinger {
  /** Resolves with alive/not alive; rejects (AppError) only when pinging itself is impossible. */
  ping(host: string, options: PingOptions): Promise<PingResult>;
}
