// `npm run diagnose -- flow`: the validation workflow the app runs on Apply, printed live step by
// step with its wire transcript: the original's eight steps, or Direct mode.
import { formatOriginalDialog } from '../../../../shared/model/originalErrors.ts';
import { failoverModes, trainingScenarios, workflowModes, type WorkflowEvent, type WorkflowFailureDetails } from '../../../../shared/model/workflow.ts';
import { defaultWorkflowSettings, type WorkflowSettings } from '../../../../shared/model/workflowSettings.ts';
import { toErrorData } from '../../../../shared/errors.ts';
import { changeOf } from '../../../../shared/model/directory.ts';
import { formatWireLine } from '../../../../shared/transcript.ts';
import { validateChange } from '../../app/validateChange.ts';
import type { Directory } from '../../directory/directory.ts';
import { openLdapDirectory } from '../../ldap/ldapDirectory.ts';
import { PROFILE_USAGE, profileFromArgs } from '../../ldap/profileArgs.ts';
import { TrainingDirectory } from '../../training/trainingDirectory.ts';
import { probesFor } from '../../workflow/probesFor.ts';
import { runWorkflow } from '../../workflow/workflow.ts';
import type { ParsedArgs } from '../args.ts';

export const summary = 'Run the validation workflow of Apply (8 steps with failover, or Direct mode), live';
export const usage = `Usage:
  npm run diagnose -- flow --lab --dn USER_DN --address smtp:x@y [options]
  npm run diagnose -- flow --training --dn USER_DN --address smtp:x@y [--scenario NAME] [options]
  npm run diagnose -- flow [connection options] --dn USER_DN --address smtp:x@y [options]

Options:
  --address VALUE        an address to add (repeat for several)
  --remove VALUE         an address to remove (repeat for several)
  --mode original|direct       default original (Direct: no Exchange server needed)
  --failover sequential|parallel  default parallel (same choice as the original, faster)
  --preferred NAME       a preferred Exchange server (KB 895668), tried first
  --static-port S=N      server S's static System Attendant port (KB 270836): its endpoint mapper is not asked; repeatable
  --ping-timeout MS      default ${defaultWorkflowSettings.pingTimeoutMs}
  --scm-timeout MS       default ${defaultWorkflowSettings.scmTimeoutMs}
  --sa-timeout MS        default ${defaultWorkflowSettings.saTimeoutMs}
  --scenario NAME        Training directory only: ${trainingScenarios.join(', ')}
  --dry-run              stop before the write
  --quiet                steps only, no wire transcript
  --json                 print the result (or the failure) as JSON at the end
Exit code: 0 written (or a dry run passed), 1 the workflow stopped, 2 bad usage.

${PROFILE_USAGE}`;

const marks = { pending: '·', running: '▶', done: '✓', failed: '✗', skipped: '–' } as const;

function parseSettings(args: ParsedArgs): WorkflowSettings | string {
  const settings: WorkflowSettings = { ...defaultWorkflowSettings };
  const mode = args.get('mode');
  if (mode !== undefined) {
    if (!(workflowModes as readonly string[]).includes(mode)) return `--mode must be ${workflowModes.join(' or ')}.`;
    settings.mode = mode as WorkflowSettings['mode'];
  }
  const failover = args.get('failover');
  if (failover !== undefined) {
    if (!(failoverModes as readonly string[]).includes(failover)) return `--failover must be ${failoverModes.join(' or ')}.`;
    settings.failover = failover as WorkflowSettings['failover'];
  }
  const scenario = args.get('scenario');
  if (scenario !== undefined) {
    if (!(trainingScenarios as readonly string[]).includes(scenario)) return `--scenario must be one of ${trainingScenarios.join(', ')}.`;
    settings.trainingScenario = scenario as WorkflowSettings['trainingScenario'];
  }
  settings.preferredServer = args.get('preferred') ?? null;
  // KB 270836, per server: --static-port EXCH02=4560 (repeatable).
  for (const entry of args.all('static-port')) {
    const match = /^([A-Za-z0-9.-]+)=(\d{1,5})$/.exec(entry);
    const port = match ? Number(match[2]) : Number.NaN;
    if (!match || port < 1 || port > 65535) return `--static-port must be SERVER=PORT with a port from 1 to 65535, e.g. EXCH02=4560.`;
    settings.saStaticPorts = { ...settings.saStaticPorts, [match[1]!]: port };
  }
  const numbers: [string, 'pingTimeoutMs' | 'scmTimeoutMs' | 'saTimeoutMs'][] = [
    ['ping-timeout', 'pingTimeoutMs'],
    ['scm-timeout', 'scmTimeoutMs'],
    ['sa-timeout', 'saTimeoutMs'],
  ];
  for (const [option, key] of numbers) {
    const value = args.get(option);
    if (value === undefined) continue;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) return `--${option} must be a positive whole number.`;
    settings[key] = n;
  }
  return settings;
}

function printEvent(event: WorkflowEvent, started: number, quiet: boolean): void {
  const at = `[${String(Math.round(performance.now() - started)).padStart(6)} ms]`;
  if (event.type === 'wire') {
    if (!quiet) console.log(`${at}     ${formatWireLine(event.line)}`);
    return;
  }
  if (event.state === 'pending') return;
  console.log(`${at} ${marks[event.state]} ${event.title}${event.detail ? `: ${event.detail}` : ''}`);
}

export async function run(args: ParsedArgs): Promise<number> {
  const dn = args.get('dn');
  const add = args.all('address');
  const remove = args.all('remove');
  const settings = parseSettings(args);
  if (typeof settings === 'string' || !dn || add.length + remove.length === 0) {
    console.error(typeof settings === 'string' ? settings : usage);
    return 2;
  }
  const quiet = args.flags.has('quiet');
  const json = args.flags.has('json');
  let directory: Directory;
  try {
    directory = args.flags.has('training') ? new TrainingDirectory(null) : await openLdapDirectory(profileFromArgs(args));
  } catch (error) {
    const data = toErrorData(error);
    console.error(`flow: ${data.message}${data.hint ? `\n  ${data.hint.replace(/\n/g, '\n  ')}` : ''}`);
    return data.kind === 'validation' ? 2 : 1;
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  const started = performance.now();
  try {
    const user = await directory.getUser(dn, { signal: controller.signal });
    const change = changeOf(user, { addProxyAddresses: add, removeProxyAddresses: remove });
    validateChange(change);
    console.log(`${directory.label}: ${user.displayName} (${user.dn}); mode ${settings.mode}, failover ${settings.failover}${args.flags.has('dry-run') ? ', dry run' : ''}`);
    const probes = await probesFor(directory, settings, { signal: controller.signal });
    const result = await runWorkflow({
      directory,
      change,
      settings,
      probes,
      signal: controller.signal,
      dryRun: args.flags.has('dry-run'),
      onEvent: (event) => printEvent(event, started, quiet || json),
    });
    if (json) console.log(JSON.stringify(result, null, 2));
    else {
      const server = result.chosenServer ? `System Attendant of ${result.chosenServer.name} at TCP ${result.chosenServer.port} (${result.chosenServer.portSource}); ` : '';
      console.log(`\nPassed: ${server}${result.dryRun ? 'dry run, nothing written' : `${result.user!.proxyAddresses.length} address(es) stored`} (${result.elapsedMs} ms${result.selectionMs !== null ? `, server chosen in ${result.selectionMs} ms` : ''}).`);
    }
    return 0;
  } catch (error) {
    const data = toErrorData(error);
    if (json) {
      console.log(JSON.stringify({ error: data }, null, 2));
      return data.kind === 'validation' ? 2 : 1;
    }
    const dialog = (data.details as WorkflowFailureDetails | undefined)?.originalDialog;
    console.log(`\nStopped at ${data.step ?? 'the start'}: ${data.message}`);
    if (data.hint) console.log(`What to do: ${data.hint}`);
    if (dialog) console.log(`\nThe original showed:\n  ${formatOriginalDialog(dialog).replace(/\n/g, '\n  ')}`);
    return data.kind === 'validation' ? 2 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    await directory.close();
  }
}
