// Fault controls for lab tests: each runs `lab.sh fault ...` synchronously (a few ms to ~1 s) and
// throws with the script's message when it fails. Faults are per host and reversible; call
// resetFaults() in afterEach/afterAll of any test that sets one.
import { spawnSync } from 'node:child_process';
import { LAB_SCRIPT } from './ensureLab.ts';

export const faultNames = [
  'icmp', // ICMP echo dropped (ping times out)
  'down', // host unreachable entirely (interface down: ARP fails, EHOSTUNREACH after ~3 s)
  'sa-stopped', // MSExchangeSA reports SERVICE_STOPPED
  'scm-deny', // MSExchangeSA's descriptor grants only Administrators (non-admin: ERROR_ACCESS_DENIED)
  'sa-unregistered', // SA interface not in the endpoint mapper (ept_s_not_registered)
  'sa-drop', // SA port silently dropped (connect hangs)
  'sa-reject', // SA port rejected with a TCP reset
  'smb-drop', // TCP 445 dropped (connect hangs)
  'dc-unreachable', // everything to the DC dropped (host ignored)
] as const;
export type FaultName = (typeof faultNames)[number];

/** exch01 | EXCH01 | exch01.corp.example.test | 10.250.0.11; omitted = the oldest server (EXCH02). */
export type FaultHost = string;

function lab(args: string[]): string {
  const r = spawnSync('bash', [LAB_SCRIPT, ...args], { encoding: 'utf8', timeout: 60_000 });
  if (r.status !== 0) {
    const msg = (r.stderr || r.stdout || '').trim() || (r.error?.message ?? `exit ${r.status ?? r.signal}`);
    const err = new Error(`lab.sh ${args.join(' ')} failed: ${msg}`) as Error & { exitCode?: number | null };
    err.exitCode = r.status;
    throw err;
  }
  return r.stdout;
}

export function setFault(name: FaultName, on: boolean, host?: FaultHost): void {
  lab(['fault', name, on ? 'on' : 'off', ...(host ? [host] : [])]);
}

/** netem delay on a host's interface; throws (exit code 3) where the kernel has no sch_netem. */
export function setLatency(ms: number | false, host?: FaultHost): void {
  lab(['fault', 'latency', ms === false ? 'off' : String(Math.round(ms)), ...(host ? [host] : [])]);
}

/** All faults off on every host (does not restore directory data: see resetLab()). */
export function resetFaults(): void {
  lab(['fault', 'reset']);
}

/** Stops or starts the DC's samba (e.g. "the DC dies in the middle of a write"). */
export function setDc(state: 'stop' | 'start'): void {
  lab(['dc', state]);
}

/** Faults off and directory data back to the seed state (restarts the DC: ~2-5 s). */
export function resetLab(): void {
  lab(['reset']);
}
