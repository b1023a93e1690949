// Arguments and output parsing of the OS ping utility, one echo request:
//   Linux (iputils, busybox): ping -c 1 -W <seconds> host   (-W: time to wait for a reply, seconds)
//   macOS / BSD:              ping -c 1 -t <seconds> host   (-t: timeout before ping exits, seconds)
//   Windows:                  ping -n 1 -w <milliseconds> host
// Parsing keys on language-neutral marks where it can ("TTL=", "ms", the statistics line) because
// Windows localises ping's output.
import type { PingResult } from './pinger.ts';

export type PingPlatform = 'linux' | 'darwin' | 'win32';

export function pingPlatform(platform: NodeJS.Platform): PingPlatform {
  if (platform === 'win32') return 'win32';
  if (platform === 'darwin' || platform === 'freebsd' || platform === 'openbsd' || platform === 'netbsd') return 'darwin';
  return 'linux';
}

export function pingArgs(platform: PingPlatform, host: string, timeoutMs: number): string[] {
  const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
  switch (platform) {
    case 'win32':
      return ['-n', '1', '-w', String(Math.max(1, Math.round(timeoutMs))), host];
    case 'darwin':
      return ['-c', '1', '-t', seconds, host];
    case 'linux':
      return ['-c', '1', '-W', seconds, host];
  }
}

function toNumber(text: string): number {
  return Number(text.replace(',', '.'));
}

/** Reads one run's output (stdout and stderr joined) and exit code. */
export function parsePingOutput(platform: PingPlatform, host: string, output: string, exitCode: number | null): PingResult {
  const text = output.replace(/\r\n/g, '\n');
  const lastLine = text.trim().split('\n').at(-1)?.trim() ?? '';
  if (platform === 'win32') {
    // "Reply from 10.0.0.1: bytes=32 time<1ms TTL=128": only a reply with TTL= is an echo reply;
    // "Reply from <router>: Destination host unreachable." exits 0 but is a failure.
    // IPv6 replies carry no TTL: "Reply from ::1: time<1ms".
    const line = text.split('\n').find((l) => /[=<]\s*\d+\s*ms\b/i.test(l) && (/TTL=\d+/i.test(l) || /[0-9a-f]*:[0-9a-f:]+:\s/i.test(l)));
    if (line) {
      const time = /[=<]\s*(\d+)\s*ms\b/i.exec(line)!;
      const address = /(\d{1,3}(?:\.\d{1,3}){3})/.exec(line)?.[1] ?? /\s([0-9a-f]*:[0-9a-f:%.]+):\s/i.exec(line)?.[1];
      const ttl = /TTL=(\d+)/i.exec(line)?.[1];
      return { alive: true, host, rttMs: toNumber(time[1]!), ...(address ? { address } : {}), ...(ttl ? { ttl: Number(ttl) } : {}) };
    }
    if (/could not find host|konnte den Host .* nicht finden|n'a pas pu trouver l'h[oô]te/i.test(text)) return { alive: false, host, failure: 'unknownHost', detail: lastLine };
    if (/unreachable|nicht erreichbar|inaccessible/i.test(text)) return { alive: false, host, failure: 'unreachable', detail: firstMatchingLine(text, /unreachable|nicht erreichbar|inaccessible/i) };
    return { alive: false, host, failure: 'timeout', detail: firstMatchingLine(text, /timed out|Zeitüberschreitung|délai/i) || lastLine };
  }
  // iputils: "64 bytes from 10.250.0.10: icmp_seq=1 ttl=64 time=0.536 ms"
  // macOS:   "64 bytes from 10.0.0.1: icmp_seq=0 ttl=64 time=1.234 ms"
  const reply = /bytes from ([^\s:]+(?: \([^)]*\))?):? .*?ttl=(\d+) .*?time[=<]\s*(\d+(?:\.\d+)?)\s*ms/i.exec(text);
  if (reply && exitCode === 0) {
    const address = /\(([^)]+)\)/.exec(reply[1]!)?.[1] ?? reply[1]!;
    return { alive: true, host, rttMs: toNumber(reply[3]!), address, ttl: Number(reply[2]) };
  }
  if (/Name or service not known|Temporary failure in name resolution|cannot resolve|Unknown host|bad address|No address associated/i.test(text)) {
    return { alive: false, host, failure: 'unknownHost', detail: lastLine };
  }
  if (/Unreachable/i.test(text)) return { alive: false, host, failure: 'unreachable', detail: firstMatchingLine(text, /Unreachable/i) };
  return { alive: false, host, failure: 'timeout', detail: firstMatchingLine(text, /packets transmitted/i) || lastLine };
}

function firstMatchingLine(text: string, pattern: RegExp): string {
  return text.split('\n').find((line) => pattern.test(line))?.trim() ?? '';
}
