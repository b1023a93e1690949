// Pinger over the OS `ping` utility: a desktop app cannot open raw ICMP sockets without privileges,
// the utility can (setuid or capabilities on Linux, the ICMP API on Windows).
import { execFile } from 'node:child_process';
import { AppError } from '../../../shared/errors.ts';
import { nullTranscript, type TranscriptSink } from '../../../shared/transcript.ts';
import { parsePingOutput, pingArgs, pingPlatform, type PingPlatform } from './pingOutput.ts';
import type { PingOptions, PingResult, Pinger } from './pinger.ts';

export interface OsPingerOptions {
  /** The utility to run; "ping" from PATH by default. */
  command?: string;
  platform?: PingPlatform;
  transcript?: TranscriptSink;
}

/** Slack over the ping timeout for process start and exit before we kill the utility. */
const PROCESS_GRACE_MS = 1500;

export class OsPinger implements Pinger {
  private readonly command: string;
  private readonly platform: PingPlatform;
  private readonly transcript: TranscriptSink;

  constructor(options: OsPingerOptions = {}) {
    this.command = options.command ?? 'ping';
    this.platform = options.platform ?? pingPlatform(process.platform);
    this.transcript = options.transcript ?? nullTranscript;
  }

  ping(host: string, options: PingOptions): Promise<PingResult> {
    if (!/^[A-Za-z0-9.:_-]+$/.test(host) || host.startsWith('-')) {
      return Promise.reject(new AppError({ kind: 'validation', message: `"${host}" is not a host name or address.` }));
    }
    const args = pingArgs(this.platform, host, options.timeoutMs);
    this.transcript.add('clientToServer', 'ICMP', `Echo Request to ${host} (${this.command} ${args.join(' ')})`);
    const started = performance.now();
    return new Promise((resolve, reject) => {
      execFile(
        this.command,
        args,
        { timeout: options.timeoutMs + PROCESS_GRACE_MS, signal: options.signal, windowsHide: true, encoding: 'utf8' },
        (error, stdout, stderr) => {
          const code = error ? (error as NodeJS.ErrnoException & { code?: string | number }).code : 0;
          if (code === 'ENOENT') {
            reject(
              new AppError(
                {
                  kind: 'unavailable',
                  message: `The ping utility "${this.command}" was not found on this computer, so the Exchange servers cannot be pinged.`,
                  hint: process.platform === 'linux' ? 'Install it (Debian/Ubuntu: apt install iputils-ping).' : 'Check that ping is on the PATH.',
                  details: { missing: this.command },
                },
                { cause: error },
              ),
            );
            return;
          }
          if (error && (error.name === 'AbortError' || options.signal?.aborted)) {
            reject(new AppError({ kind: 'cancelled', message: `The ping of ${host} was cancelled.` }, { cause: error }));
            return;
          }
          if (error && (error as { killed?: boolean }).killed) {
            const elapsed = Math.round(performance.now() - started);
            this.transcript.add('note', 'ICMP', `No answer from ${host}; ping did not exit and was stopped after ${elapsed} ms`);
            resolve({ alive: false, host, failure: 'timeout', detail: `ping did not exit within ${options.timeoutMs + PROCESS_GRACE_MS} ms` });
            return;
          }
          const exitCode = typeof code === 'number' ? code : 0;
          const result = parsePingOutput(this.platform, host, `${stdout}\n${stderr}`, exitCode);
          if (result.alive) this.transcript.add('serverToClient', 'ICMP', `Echo Reply from ${result.address ?? host}, time=${result.rttMs} ms`);
          else this.transcript.add('note', 'ICMP', `No echo reply from ${host}: ${result.failure}${result.detail ? ` (${result.detail})` : ''}`);
          resolve(result);
        },
      );
    });
  }
}
