// `npm run diagnose -- scm`: ask a server's Service Control Manager whether a service runs,
// exactly as the workflow does (SMB2 + NTLMv2 + signing, \PIPE\svcctl, MS-SCMR).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatWireLine, Transcript } from '../../../../shared/transcript.ts';
import { parseAccount } from '../../ntlm/credentials.ts';
import { DEFAULT_SCM_TIMEOUT_MS, DEFAULT_SERVICE_NAME, probeScm, type ScmOutcome } from '../../probes/scmProbe.ts';
import type { ParsedArgs } from '../args.ts';

export const summary = 'Query a service (default MSExchangeSA) through the Service Control Manager over SMB2';

export const usage = `Usage:
  npm run diagnose -- scm --host HOST --user 'CORP\\\\admin' [--password PASS] [options]
  npm run diagnose -- scm --lab [--host EXCH01|DC01] [--as admin|helpdesk] [options]

The password may come from the environment variable ADDRESSDESK_PASSWORD instead of --password.
Options:
  --service NAME     service to query (default ${DEFAULT_SERVICE_NAME})
  --machine NAME     NetBIOS name sent as \\\\NAME in ROpenSCManagerW (default: --host upper-cased)
  --timeout MS       deadline of the connect and of every request (default ${DEFAULT_SCM_TIMEOUT_MS})
  --port N           SMB port (default 445)
  --json             print the outcome as JSON
  --quiet            do not print the wire transcript
Exit code: 0 when the service runs, 1 otherwise, 2 on bad usage.`;

/** The part of .lab/lab.json (e2e/lab/labInfo.ts) this command reads; node code cannot import e2e/. */
interface LabAccounts {
  dc: { name: string; address: string };
  admin: { downLevel: string; password: string };
  helpdesk: { downLevel: string; password: string };
  exchangeHosts: Array<{ name: string; address: string; admin: { user: string; domain: string; password: string } }>;
}

function readLabInfo(): LabAccounts | null {
  const path = resolve(import.meta.dirname, '../../../../.lab/lab.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as LabAccounts) : null;
}

interface Target {
  host: string;
  machineName?: string;
  account: string;
  password: string;
}

function labTarget(args: ParsedArgs): Target | string {
  const lab = readLabInfo();
  if (!lab) return 'The lab is not running: start it with `npm run lab:up`.';
  const wanted = (args.get('host') ?? 'EXCH01').toUpperCase();
  const as = args.get('as') ?? 'admin';
  if (as !== 'admin' && as !== 'helpdesk') return `--as must be admin or helpdesk, not ${as}.`;
  const helpdesk = { account: lab.helpdesk.downLevel, password: lab.helpdesk.password };
  if (wanted === lab.dc.name.toUpperCase() || wanted === 'DC') {
    const who = as === 'admin' ? { account: lab.admin.downLevel, password: lab.admin.password } : helpdesk;
    return { host: lab.dc.address, machineName: lab.dc.name, ...who };
  }
  const host = lab.exchangeHosts.find((h) => h.name.toUpperCase() === wanted);
  if (!host) return `The lab has no host ${wanted} (it has ${[lab.dc.name, ...lab.exchangeHosts.map((h) => h.name)].join(', ')}).`;
  const who = as === 'admin' ? { account: `${host.admin.domain}\\${host.admin.user}`, password: host.admin.password } : helpdesk;
  return { host: host.address, machineName: host.name, ...who };
}

function describe(outcome: ScmOutcome): string {
  switch (outcome.outcome) {
    case 'running':
      return `${outcome.service} on ${outcome.host}: SERVICE_RUNNING (${outcome.elapsedMs} ms)`;
    case 'notRunning':
      return `${outcome.message} (${outcome.elapsedMs} ms)`;
    case 'failed':
      return `${outcome.message} [stage ${outcome.stage}] (${outcome.elapsedMs} ms)`;
    default:
      return `${outcome.message}\n${outcome.hint} (${outcome.elapsedMs} ms)`;
  }
}

export async function run(args: ParsedArgs): Promise<number> {
  let target: Target;
  if (args.flags.has('lab')) {
    const found = labTarget(args);
    if (typeof found === 'string') {
      console.error(found);
      return 2;
    }
    target = found;
  } else {
    const host = args.get('host');
    const account = args.get('user');
    const password = args.get('password') ?? process.env.ADDRESSDESK_PASSWORD;
    if (!host || !account || password === undefined) {
      console.error(usage);
      return 2;
    }
    target = { host, account, password };
  }
  const timeoutMs = Number(args.get('timeout') ?? DEFAULT_SCM_TIMEOUT_MS);
  const port = Number(args.get('port') ?? 445);
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || !Number.isInteger(port)) {
    console.error(usage);
    return 2;
  }
  const quiet = args.flags.has('quiet') || args.flags.has('json');
  const transcript = new Transcript((line) => {
    if (!quiet) console.log(formatWireLine(line));
  });
  const machineName = args.get('machine') ?? target.machineName;
  const outcome = await probeScm({
    host: target.host,
    credentials: parseAccount(target.account, target.password),
    serviceName: args.get('service') ?? DEFAULT_SERVICE_NAME,
    timeoutMs,
    port,
    transcript,
    ...(machineName ? { machineName } : {}),
  });
  if (args.flags.has('json')) console.log(JSON.stringify(outcome, null, 2));
  else console.log(`\n${describe(outcome)}`);
  return outcome.outcome === 'running' ? 0 : 1;
}
