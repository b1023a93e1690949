// Capture lab traffic with tshark and read it back, so tests can assert that an independent
// dissector (Wireshark's) decodes our PDUs without "malformed packet" errors.
//   const capture = await startCapture({ interfaces: ['adlab0'] });
//   ... traffic ...
//   await capture.stop();
//   expect(await malformedPackets(capture.file, { decodeAs: ['tcp.port==4560,dcerpc'] })).toEqual([]);
// Capture only on loopback or the lab's bridge/veths: never on an interface that reaches other hosts.
import { spawn, execFile } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CAPTURE_DIR = resolve(import.meta.dirname, '../../.lab/captures');

export interface CaptureOptions {
  /** Interfaces to capture on, e.g. the lab bridge "adlab0" or "lo". */
  interfaces: string[];
  /** pcapng output; a file under .lab/captures by default. */
  file?: string;
  /** A capture (BPF) filter, e.g. "tcp". */
  captureFilter?: string;
  /** How long to wait for tshark to start capturing (it prints "Capturing on ..."). */
  startTimeoutMs?: number;
  /** Extra wait after tshark says it captures, before traffic may start (default 1000 ms). */
  settleMs?: number;
}

export interface Capture {
  readonly file: string;
  /** Stops tshark (SIGINT, so the file is flushed) and waits for it to exit. */
  stop(): Promise<void>;
}

export function tsharkAvailable(): boolean {
  return ['/usr/bin/tshark', '/usr/local/bin/tshark'].some((p) => existsSync(p));
}

export async function startCapture(options: CaptureOptions): Promise<Capture> {
  mkdirSync(CAPTURE_DIR, { recursive: true });
  const file = options.file ?? join(CAPTURE_DIR, `capture-${process.pid}-${Date.now()}.pcapng`);
  const args = [...options.interfaces.flatMap((i) => ['-i', i]), '-w', file, '-q'];
  if (options.captureFilter) args.push('-f', options.captureFilter);
  const child = spawn('tshark', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
  await new Promise<void>((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rejectStart(new Error(`tshark did not start capturing within ${options.startTimeoutMs ?? 10_000} ms: ${stderr}`));
    }, options.startTimeoutMs ?? 10_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (/Capturing on/.test(stderr)) {
        clearTimeout(timer);
        resolveStart();
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      rejectStart(error);
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rejectStart(new Error(`tshark exited (${code}) before capturing: ${stderr}`));
    });
  });
  // dumpcap reports "Capturing on" just before its socket sees packets; on a loaded machine the gap
  // reached a few hundred ms.
  await new Promise((r) => setTimeout(r, options.settleMs ?? 1000));
  return {
    file,
    async stop() {
      if (child.exitCode !== null) return;
      // Let the last packets reach the capture before stopping.
      await new Promise((r) => setTimeout(r, 500));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      if (!existsSync(file) || statSync(file).size === 0) throw new Error(`tshark wrote no capture file (${file}): ${stderr}`);
    },
  };
}

export interface ReadOptions {
  /** "Decode as" rules, e.g. "tcp.port==4560,dcerpc" for the System Attendant's dynamic port. */
  decodeAs?: string[];
}

function tshark(args: string[]): Promise<string> {
  return new Promise((resolveRun, rejectRun) => {
    execFile('tshark', args, { maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) rejectRun(new Error(`tshark ${args.join(' ')} failed: ${stderr || error.message}`));
      else resolveRun(stdout);
    });
  });
}

function readArgs(file: string, options: ReadOptions): string[] {
  return ['-r', file, '-n', ...(options.decodeAs ?? []).flatMap((d) => ['-d', d])];
}

/** One summary line per packet that matches the display filter. */
export async function readSummaries(file: string, displayFilter: string, options: ReadOptions = {}): Promise<string[]> {
  const out = await tshark([...readArgs(file, options), '-Y', displayFilter]);
  return out.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
}

/** Packets Wireshark flags as malformed (`_ws.malformed`), as summary lines; [] means clean. */
export function malformedPackets(file: string, options: ReadOptions = {}): Promise<string[]> {
  return readSummaries(file, '_ws.malformed || _ws.expert.severity == error', options);
}

/** Selected fields of the packets matching `displayFilter`, one array per packet. */
export async function readFields(file: string, displayFilter: string, fields: string[], options: ReadOptions = {}): Promise<string[][]> {
  const out = await tshark([...readArgs(file, options), '-Y', displayFilter, '-T', 'fields', '-E', 'separator=\t', ...fields.flatMap((f) => ['-e', f])]);
  return out
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => l.split('\t'));
}
