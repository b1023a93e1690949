// `npm run diagnose -- rpc`: ping, endpoint mapper and System Attendant bind against one server,
// with the wire transcript, exactly as the validation workflow does them.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { hex32 } from '../../../../shared/errors.ts';
import { formatWireLine, Transcript } from '../../../../shared/transcript.ts';
import { isUuid } from '../../dcerpc/uuid.ts';
import { OsPinger } from '../../ping/osPinger.ts';
import { DEFAULT_SA_INTERFACE, DEFAULT_SA_TIMEOUT_MS, probeSystemAttendant } from '../../probes/saReachability.ts';
import type { ParsedArgs } from '../args.ts';

export const summary = 'Ping a server, map the System Attendant with its endpoint mapper (TCP 135), bind to it';

export const usage = `Usage:
  npm run diagnose -- rpc --host HOST [--port N] [--timeout MS] [--uuid UUID --version MAJOR.MINOR] [--no-ping]
  npm run diagnose -- rpc --lab [--host EXCH01] [same options]

  --host     server name or address (with --lab: a lab Exchange host's name; default the oldest)
  --port     static System Attendant port (KB 270836): skip the endpoint mapper
  --timeout  deadline of each step in milliseconds (default ${DEFAULT_SA_TIMEOUT_MS})
  --uuid, --version  the interface to map and bind (default ${DEFAULT_SA_INTERFACE.uuid} v${DEFAULT_SA_INTERFACE.major}.${DEFAULT_SA_INTERFACE.minor})
  --no-ping  skip the ICMP check
Exit code: 0 the bind was accepted, 1 a step failed, 2 bad usage.`;

interface LabHosts {
  exchangeHosts: Array<{ name: string; address: string }>;
  systemAttendant: { uuid: string; major: number; minor: number };
}

function readLab(): LabHosts | null {
  const path = resolve(import.meta.dirname, '../../../../.lab/lab.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as LabHosts) : null;
}

function fail(message: string): number {
  console.error(`${message}\n\n${usage}`);
  return 2;
}

export async function run(args: ParsedArgs): Promise<number> {
  let host = args.get('host');
  let iface = { ...DEFAULT_SA_INTERFACE };
  if (args.flags.has('lab')) {
    const lab = readLab();
    if (!lab) return fail('The lab is not up (.lab/lab.json is missing): run `npm run lab:up`.');
    const entry = host ? lab.exchangeHosts.find((h) => h.name.toLowerCase() === host!.toLowerCase()) : lab.exchangeHosts[0];
    if (!entry) return fail(`No lab Exchange host is called "${host}" (have: ${lab.exchangeHosts.map((h) => h.name).join(', ')}).`);
    host = entry.address;
    iface = { uuid: lab.systemAttendant.uuid, major: lab.systemAttendant.major, minor: lab.systemAttendant.minor };
    console.log(`Lab host ${entry.name} = ${entry.address}`);
  }
  if (!host) return fail('--host is required.');
  const uuid = args.get('uuid');
  if (uuid !== undefined) {
    if (!isUuid(uuid)) return fail(`--uuid "${uuid}" is not a UUID.`);
    iface.uuid = uuid.toLowerCase();
  }
  const version = args.get('version');
  if (version !== undefined) {
    const match = /^(\d+)(?:\.(\d+))?$/.exec(version);
    if (!match) return fail(`--version "${version}" is not MAJOR.MINOR.`);
    iface.major = Number(match[1]);
    iface.minor = Number(match[2] ?? 0);
  }
  const timeoutText = args.get('timeout');
  const timeoutMs = timeoutText === undefined ? DEFAULT_SA_TIMEOUT_MS : Number(timeoutText);
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) return fail('--timeout must be a positive number of milliseconds.');
  const portText = args.get('port');
  const staticPort = portText === undefined ? undefined : Number(portText);
  if (staticPort !== undefined && (!Number.isInteger(staticPort) || staticPort < 1 || staticPort > 65535)) return fail('--port must be 1-65535.');

  const transcript = new Transcript((line) => console.log(`  [${String(line.atMs).padStart(5)} ms] ${formatWireLine(line)}`));
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());

  if (!args.flags.has('no-ping')) {
    console.log(`Ping ${host}:`);
    const ping = await new OsPinger({ transcript }).ping(host, { timeoutMs, signal: abort.signal });
    console.log(ping.alive ? `  alive, ${ping.rttMs} ms` : `  no answer (${ping.failure}${ping.detail ? `: ${ping.detail}` : ''})`);
  }

  console.log(`System Attendant ${iface.uuid} v${iface.major}.${iface.minor} on ${host}${staticPort !== undefined ? ` (static port ${staticPort})` : ''}:`);
  const result = await probeSystemAttendant(host, { iface, timeoutMs, staticPort }, { signal: abort.signal, transcript });
  switch (result.outcome) {
    case 'accepted':
      console.log(
        `Result: bind ACCEPTED on port ${result.port} (${result.portSource === 'static' ? 'static port' : 'from the endpoint mapper'}), assoc group ${hex32(result.bind.assocGroupId)}, ${result.elapsedMs} ms`,
      );
      return 0;
    case 'rejected':
      console.log(`Result: bind REJECTED on port ${result.port}: ${result.reason}\n  ${result.error.message}`);
      return 1;
    case 'unreachable':
      console.log(`Result: UNREACHABLE (${result.stage === 'endpointMapper' ? 'endpoint mapper' : 'System Attendant'} port ${result.port}, ${result.failure}) after ${result.elapsedMs} ms\n  ${result.error.message}${result.error.hint ? `\n  ${result.error.hint}` : ''}`);
      return 1;
    case 'notRegistered': {
      const details = result.error.details as { dialogId?: string } | undefined;
      console.log(`Result: NOT REGISTERED (Win32 ${result.error.code}, ID no: ${details?.dialogId ?? '?'})\n  ${result.error.message}`);
      return 1;
    }
    case 'failed':
      console.log(`Result: FAILED at the ${result.stage} step (${result.error.kind}${result.error.code !== undefined ? ` ${hex32(result.error.code)}` : ''})\n  ${result.error.message}`);
      return 1;
  }
}
