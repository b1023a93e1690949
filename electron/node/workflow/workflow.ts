// The validation workflow the app runs when a user applies new addresses: the original's eight
// steps (seed document) or Direct mode, each step reported live with the wire lines it causes.
//   1 Find Exchange servers  2 Order by age (preferred server first, KB 895668)
//   3–6 per server: Ping → Service Control Manager → Endpoint mapper → System Attendant (selectServer.ts)
//   7 Global Catalog check   8 Write, then read back
// A change that adds no new address skips 1–7: the original validated only new addresses.
import { addressKey } from '../../../shared/addresses/proxyAddress.ts';
import { AppError, toErrorData } from '../../../shared/errors.ts';
import type { AddressChange, ExchangeServer, UserDetails } from '../../../shared/model/directory.ts';
import { serverStepId, serverSteps, serverStepTitle, stepTitles, type ServerAttempt, type WorkflowEvent, type WorkflowResult } from '../../../shared/model/workflow.ts';
import { type WorkflowSettings } from '../../../shared/model/workflowSettings.ts';
import { Transcript } from '../../../shared/transcript.ts';
import type { Directory } from '../directory/directory.ts';
import { addressExistsError, atStep, noServerError } from './explain.ts';
import type { ServerProbes } from './probes.ts';
import { selectServer } from './selectServer.ts';
import { StepBoard } from './stepBoard.ts';

export interface WorkflowInput {
  directory: Directory;
  change: AddressChange;
  settings: WorkflowSettings;
  /** Steps 3–6, or a function making them when first needed (not in Direct mode, nor when nothing new is added). */
  probes: ServerProbes | (() => Promise<ServerProbes>);
  onEvent: (event: WorkflowEvent) => void;
  signal?: AbortSignal;
  /** Stop before the write (the CLI's --dry-run). */
  dryRun?: boolean;
}

/** The added values that are new to the user; a primary switch (smtp: → SMTP:) adds nothing new. */
export function newAddressesOf(change: AddressChange): string[] {
  const had = new Set(change.expected.proxyAddresses.map(addressKey));
  return change.addProxyAddresses.filter((value) => !had.has(addressKey(value)));
}

/** KB 895668: the preferred server (by name or host, any case) goes first; the rest keep their age order. */
export function orderServers(servers: readonly ExchangeServer[], preferred: string | null): { ordered: ExchangeServer[]; preferredFound: boolean } {
  const byAge = [...servers].sort((a, b) => a.whenCreated.localeCompare(b.whenCreated));
  if (!preferred) return { ordered: byAge, preferredFound: false };
  const wanted = preferred.toLowerCase();
  const index = byAge.findIndex((s) => s.name.toLowerCase() === wanted || s.host.toLowerCase() === wanted);
  if (index < 0) return { ordered: byAge, preferredFound: false };
  const [first] = byAge.splice(index, 1);
  return { ordered: [first!, ...byAge], preferredFound: true };
}

const day = (iso: string) => iso.slice(0, 10);

export async function runWorkflow(input: WorkflowInput): Promise<WorkflowResult> {
  const { directory, change, settings, signal } = input;
  const started = performance.now();
  const board = new StepBoard(input.onEvent);
  const transcript = new Transcript((line) => input.onEvent({ type: 'wire', line }));
  const call = { transcript, ...(signal ? { signal } : {}) };
  const newAddresses = newAddressesOf(change);
  const direct = settings.mode === 'direct';
  let attempts: ServerAttempt[] = [];
  let chosenServer: WorkflowResult['chosenServer'] = null;
  let selectionMs: number | null = null;
  let resolved: ServerProbes | null = typeof input.probes === 'function' ? null : input.probes;
  const pace = () => (resolved?.pace ? resolved.pace(signal) : Promise.resolve());

  // The whole list up front, so the progress list shows what is to come.
  const noNew = newAddresses.length === 0;
  if (noNew || direct) {
    const why = noNew ? 'No new address: the original validates only addresses it adds.' : 'Direct mode: no Exchange server needed';
    board.skipped('findServers', why, stepTitles.findServers);
    board.skipped('orderServers', why, stepTitles.orderServers);
    for (const step of serverSteps) board.skipped(serverStepId(step), why, serverStepTitle(step));
    if (noNew) board.skipped('globalCatalog', why, stepTitles.globalCatalog);
    else board.pending('globalCatalog', stepTitles.globalCatalog);
    board.pending('write', stepTitles.write);
  } else {
    // Steps 7 and 8 are announced once the servers' steps are known, so a list that appends new
    // step ids shows them in the original's order.
    board.pending('findServers', stepTitles.findServers);
    board.pending('orderServers', stepTitles.orderServers);
  }

  let failedAt = 'findServers';
  try {
    if (!noNew && !direct) {
      // Step 1.
      failedAt = 'findServers';
      if (!resolved) resolved = await (input.probes as () => Promise<ServerProbes>)();
      const probes = resolved;
      board.running('findServers', 'LDAP search for (objectCategory=msExchExchangeServer) in the Configuration partition');
      const servers = await directory.listExchangeServers(call);
      await pace();
      if (servers.length === 0) {
        const error = noServerError([], 0);
        board.failed('findServers', 'No Exchange server object found', error.toData());
        board.skipped('globalCatalog', 'Not reached: no Exchange server to ask.', stepTitles.globalCatalog);
        board.skipped('write', 'Not reached: no Exchange server to ask.', stepTitles.write);
        throw error;
      }
      board.done('findServers', `${servers.length} server(s): ${servers.map((s) => s.name).join(', ')}`);

      // Step 2.
      failedAt = 'orderServers';
      board.running('orderServers');
      const { ordered, preferredFound } = orderServers(servers, settings.preferredServer);
      for (const server of ordered) for (const step of serverSteps) board.pending(serverStepId(step, server.name), serverStepTitle(step, server.name));
      board.pending('globalCatalog', stepTitles.globalCatalog);
      board.pending('write', stepTitles.write);
      await pace();
      const order = ordered.map((s) => `${s.name} (created ${day(s.whenCreated)})`).join(', ');
      const preferredNote = settings.preferredServer
        ? preferredFound
          ? `; ${ordered[0]!.name} first as the preferred server (KB 895668)`
          : `; preferred server "${settings.preferredServer}" is not in the list, so the age order stands`
        : '';
      board.done('orderServers', `Oldest first: ${order}${preferredNote}`);

      // Steps 3–6.
      failedAt = 'ping';
      const selection = await selectServer({ servers: ordered, probes, failover: settings.failover, board, transcript, ...(signal ? { signal } : {}) });
      attempts = selection.attempts;
      chosenServer = selection.chosen;
      selectionMs = selection.elapsedMs;
    }

    // Step 7.
    failedAt = 'globalCatalog';
    if (!noNew) {
      board.running('globalCatalog', `Search the Global Catalog for ${newAddresses.join(', ')}`);
      const holders = await directory.findAddressHolders(newAddresses, call);
      await pace();
      const others = holders.filter((h) => h.dn.toLowerCase() !== change.dn.toLowerCase());
      if (others.length > 0) {
        const error = addressExistsError(others, attempts);
        board.failed('globalCatalog', error.message, error.toData());
        board.skipped('write', 'Not written: an address is already used by another object.');
        throw error;
      }
      const own = holders.length - others.length;
      board.done('globalCatalog', `${newAddresses.length === 1 ? `${newAddresses[0]} is` : `${newAddresses.length} addresses are`} not used by any other object${own > 0 ? ` (${own} already on this user)` : ''}`);
    }

    // Step 8.
    failedAt = 'write';
    let user: UserDetails | null = null;
    if (input.dryRun) {
      board.skipped('write', 'Dry run: nothing written.');
    } else {
      board.running('write', `LDAP modify of ${change.dn}`);
      await directory.applyChange(change, call);
      // Read back with a fresh search, as an admin would check it.
      user = await directory.getUser(change.dn, call);
      await pace();
      const stored = new Set(user.proxyAddresses.map((v) => v.toLowerCase()));
      const missing = change.addProxyAddresses.filter((v) => !stored.has(v.toLowerCase()));
      const lingering = change.removeProxyAddresses.filter((v) => stored.has(v.toLowerCase()) && !change.addProxyAddresses.some((a) => a.toLowerCase() === v.toLowerCase()));
      if (missing.length > 0 || lingering.length > 0) {
        const error = new AppError({
          kind: 'conflict',
          step: 'write',
          message: `The write was accepted, but reading ${user.displayName} back shows ${missing.length > 0 ? `${missing.join(', ')} missing` : ''}${missing.length > 0 && lingering.length > 0 ? ' and ' : ''}${lingering.length > 0 ? `${lingering.join(', ')} still present` : ''}.`,
          hint: 'Someone or something (e.g. the Recipient Update Service) changed the object at the same time; reload it and check.',
          details: { originalDialog: null, attempts, cause: { current: user } },
        });
        board.failed('write', error.message, error.toData());
        throw error;
      }
      board.done('write', `${change.addProxyAddresses.length} added, ${change.removeProxyAddresses.length} removed; read back: ${user.proxyAddresses.length} address(es) stored as written`);
    }

    return {
      mode: settings.mode,
      failover: settings.failover,
      newAddresses,
      chosenServer,
      attempts,
      user,
      dryRun: input.dryRun === true,
      elapsedMs: Math.round(performance.now() - started),
      selectionMs,
    };
  } catch (error) {
    const final = error instanceof AppError && error.step !== undefined ? error : atStep(error, failedAt, attempts, toErrorData);
    const notReached = `Not reached: the workflow stopped at ${final.step ?? failedAt}.`;
    board.stopAll(final.toData(), notReached);
    for (const id of ['globalCatalog', 'write'] as const) if (board.stateOf(id) === undefined) board.skipped(id, notReached, stepTitles[id]);
    throw final;
  }
}
