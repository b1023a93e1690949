// Prints, against the lab with the oldest two Exchange servers' ICMP dropped, the time the
// workflow takes to choose a server (steps 3–6: ping, SCM, endpoint mapper, SA bind) with the
// original's sequential failover vs AddressDesk's parallel failover, and their ratio. Both must
// choose the same server (the third oldest). Run: node --import tsx e2e/bench/failover.bench.ts [rounds]
// (default 5, at most 20). Needs the lab (npm run lab:up); turns its faults off at the end.
import { readLabInfo } from '../lab/labInfo.ts';
import { resetFaults, setFault } from '../lab/faults.ts';
import type { ExchangeServer } from '../../shared/model/directory.ts';
import { type FailoverMode } from '../../shared/model/workflow.ts';
import { defaultWorkflowSettings, type WorkflowSettings } from '../../shared/model/workflowSettings.ts';
import { nullTranscript } from '../../shared/transcript.ts';
import { NetworkProbes } from '../../electron/node/workflow/networkProbes.ts';
import { selectServer } from '../../electron/node/workflow/selectServer.ts';
import { StepBoard } from '../../electron/node/workflow/stepBoard.ts';

const rounds = Math.max(1, Math.min(Number(process.argv[2] ?? 5), 20));
const lab = readLabInfo();
if (!lab) {
  console.error('The lab is not up (.lab/lab.json missing): run `npm run lab:up` first.');
  process.exit(1);
}

const settings: WorkflowSettings = { ...defaultWorkflowSettings, pingTimeoutMs: 1000 };
const admin = lab.exchangeHosts[0]!.admin;
const servers: ExchangeServer[] = lab.exchangeHosts.map((h) => ({ dn: h.serverDn, name: h.name, host: h.fqdn, whenCreated: h.whenCreated }));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

async function choose(failover: FailoverMode): Promise<{ ms: number; server: string }> {
  const probes = new NetworkProbes({
    credentials: { user: admin.user, domain: admin.domain, password: admin.password },
    settings,
    hostAddresses: new Map(lab!.exchangeHosts.map((h) => [h.fqdn.toLowerCase(), h.address])),
  });
  const started = performance.now();
  const selection = await selectServer({ servers, probes, failover, board: new StepBoard(() => {}), transcript: nullTranscript });
  return { ms: performance.now() - started, server: selection.chosen.name };
}

try {
  resetFaults();
  for (const host of lab.exchangeHosts.slice(0, 2)) setFault('icmp', true, host.name);
  console.log(`ICMP dropped on ${lab.exchangeHosts.slice(0, 2).map((h) => h.name).join(' and ')}; ping timeout ${settings.pingTimeoutMs} ms; ${rounds} round(s) each.`);
  const times: Record<FailoverMode, number[]> = { sequential: [], parallel: [] };
  for (let i = 0; i < rounds; i++) {
    for (const failover of ['sequential', 'parallel'] as const) {
      const r = await choose(failover);
      if (r.server !== lab.exchangeHosts[2]!.name) throw new Error(`${failover} chose ${r.server}, expected ${lab.exchangeHosts[2]!.name}`);
      times[failover].push(r.ms);
    }
  }
  const seq = median(times.sequential);
  const par = median(times.parallel);
  console.log(`sequential (the original): median ${seq.toFixed(0)} ms  [${times.sequential.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`parallel (AddressDesk):    median ${par.toFixed(0)} ms  [${times.parallel.map((t) => t.toFixed(0)).join(', ')}]`);
  console.log(`both chose ${lab.exchangeHosts[2]!.name}; sequential / parallel = ${(seq / par).toFixed(2)}x`);
} finally {
  resetFaults();
}
