// Which probes answer steps 3–6 for a directory: simulated servers for the Training directory,
// the real network probes (with the profile's account for the SCM) for an LDAP directory.
import { AppError } from '../../../shared/errors.ts';
import type { WorkflowSettings } from '../../../shared/model/workflowSettings.ts';
import type { Directory } from '../directory/directory.ts';
import { LdapDirectory } from '../ldap/ldapDirectory.ts';
import { logonCredentials } from './logonAccount.ts';
import { NetworkProbes } from './networkProbes.ts';
import type { ServerProbes } from './probes.ts';
import { SimulatedProbes } from './simulatedProbes.ts';

export interface ProbesForOptions {
  /** Simulated pauses (1 = ~100–300 ms per step, 0 = none). */
  delayScale?: number;
  signal?: AbortSignal;
}

export async function probesFor(directory: Directory, settings: WorkflowSettings, options: ProbesForOptions = {}): Promise<ServerProbes> {
  if (directory.kind === 'training') {
    // The scenario's fault hits the oldest server, the one the original asks first.
    const [oldest] = await directory.listExchangeServers(options.signal ? { signal: options.signal } : {});
    return new SimulatedProbes({
      scenario: settings.trainingScenario,
      target: oldest?.name ?? 'EXCH02',
      staticPorts: settings.saStaticPorts,
      ...(options.delayScale !== undefined ? { delayScale: options.delayScale } : {}),
    });
  }
  if (directory instanceof LdapDirectory) {
    const { profile } = directory;
    return new NetworkProbes({
      // The SCM logon uses the account the directory is bound with, as DOMAIN\sAMAccountName.
      credentials: await logonCredentials(directory, options.signal),
      settings,
      dns: { dnsServer: profile.dnsServer, timeoutMs: Math.min(profile.timeoutSeconds * 1000, 5000) },
    });
  }
  throw new AppError({ kind: 'internal', message: `No Exchange server probes for the directory "${directory.label}".` });
}
