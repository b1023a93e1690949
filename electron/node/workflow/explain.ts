// AddressDesk's own explanation of each way the workflow stops, next to the dialog the original
// showed (shared/model/originalErrors.ts): what happened, on which server, and what to do.
import { AppError, type AppErrorData } from '../../../shared/errors.ts';
import type { AddressHolder } from '../../../shared/model/directory.ts';
import { ADDRESS_EXISTS, NO_EXCHANGE_SERVER, NO_MORE_ENDPOINTS } from '../../../shared/model/originalErrors.ts';
import type { ServerAttempt, WorkflowFailureDetails } from '../../../shared/model/workflow.ts';
import type { BindOutcome, EndpointOutcome } from './probes.ts';

const DIRECT_MODE_HINT = 'Direct mode checks the Global Catalog and writes without an Exchange server.';

/** c10308a2: no server answered the ping with MSExchangeSA running (seed step 3/4). */
export function noServerError(attempts: ServerAttempt[], serverCount: number): AppError {
  const details: WorkflowFailureDetails = { originalDialog: NO_EXCHANGE_SERVER, attempts };
  if (serverCount === 0) {
    return new AppError({
      kind: 'notFound',
      step: 'findServers',
      message: 'The Configuration partition lists no Exchange server (no msExchExchangeServer object under CN=Microsoft Exchange,CN=Services), so there is none to ask.',
      hint: `Check that this forest has Exchange 2000/2003 servers and that the account may read the Configuration partition. ${DIRECT_MODE_HINT}`,
      details,
    });
  }
  const allDenied = attempts.length > 0 && attempts.every((a) => a.stage === 'scm' && /denied/i.test(a.message));
  const hints = [...new Set(attempts.map((a) => a.hint).filter((h): h is string => !!h))];
  const last = attempts.at(-1);
  return new AppError({
    kind: allDenied ? 'accessDenied' : 'unavailable',
    step: last?.stage ?? 'ping',
    message: `None of the ${serverCount} Exchange server(s) passed the original's checks (ping, then MSExchangeSA running): ${attempts.map((a) => `${a.server}: ${a.message}`).join(' ')}`,
    hint: [...hints, DIRECT_MODE_HINT].join(' '),
    details,
  });
}

export function pingHint(): string {
  return 'The original pings each server first and skips one that does not answer: check that the server is up and that ICMP echo is allowed between this computer and it.';
}

/** c00706d9: the server passed the SCM step, then its System Attendant could not be used (seed step 6). */
export function endpointError(
  server: string,
  step: 'endpointMapper' | 'systemAttendant',
  outcome: Exclude<EndpointOutcome, { outcome: 'mapped' }> | Exclude<BindOutcome, { outcome: 'accepted' }>,
  attempts: ServerAttempt[],
): AppError {
  const details: WorkflowFailureDetails = { originalDialog: NO_MORE_ENDPOINTS, attempts, cause: outcome.error };
  const stop = 'The original stops here and does not try another server (seed step 6).';
  const alternatives = 'Or make another server the preferred one (KB 895668), or use Direct mode.';
  let message: string;
  let hint: string;
  switch (outcome.outcome) {
    case 'notRegistered':
      message = `${server} runs MSExchangeSA, but its endpoint mapper has no entry for the System Attendant's interface (ept_s_not_registered, Win32 1753 EPT_S_NOT_REGISTERED). ${stop}`;
      hint = `Restart the Microsoft Exchange System Attendant service on ${server} so it registers again, or give it a static port (KB 270836) and enter that port in the settings. ${alternatives}`;
      break;
    case 'unreachable':
      if (step === 'endpointMapper') {
        message = `${server} runs MSExchangeSA, but its endpoint mapper (TCP ${outcome.port}) did not answer: ${outcome.error.message} ${stop}`;
        hint = `Open TCP 135 from this computer to ${server}, or set the System Attendant's static port (KB 270836) and open that port. ${alternatives}`;
      } else {
        message = `${server} runs MSExchangeSA, but its System Attendant port TCP ${outcome.port} ${outcome.failure === 'timedOut' ? 'did not answer (a firewall drops it)' : `could not be reached (${outcome.failure})`}. ${stop}`;
        hint = `Open TCP ${outcome.port} from this computer to ${server}; the endpoint mapper hands out a random high port unless the System Attendant has a static port (KB 270836). This happens with servers in a remote site or a DMZ. ${alternatives}`;
      }
      break;
    case 'rejected':
      message = `${server} refused the bind to the System Attendant's interface on TCP ${outcome.port} (${outcome.reason}). ${stop}`;
      hint = `Check the System Attendant interface setting (default 469d6ec0-0d87-11ce-b13f-00aa003bac6c v16.1). ${alternatives}`;
      break;
    default:
      message = `${server} runs MSExchangeSA, but ${step === 'endpointMapper' ? 'asking its endpoint mapper' : 'binding to its System Attendant'} failed: ${outcome.error.message} ${stop}`;
      hint = outcome.error.hint ?? alternatives;
  }
  const cause = outcome.error;
  return new AppError({ kind: cause.kind, ...(cause.code !== undefined ? { code: cause.code } : {}), step, message, hint, details });
}

/** c10312e7: the Global Catalog found a new address on another object (seed step 7). */
export function addressExistsError(holders: AddressHolder[], attempts: ServerAttempt[]): AppError {
  const details: WorkflowFailureDetails = { originalDialog: ADDRESS_EXISTS, attempts, holders };
  const lines = holders.map((h) => `${h.address} already belongs to ${h.displayName || h.dn} (${h.dn}), stored as ${h.storedValue}.`);
  return new AppError({
    kind: 'conflict',
    step: 'globalCatalog',
    message: `${lines.join(' ')} Nothing was written.`,
    hint: 'Choose another address, or remove it from that object first (addresses must be unique in the organization).',
    details,
  });
}

/** The same error with the step and workflow details added (e.g. a write conflict). */
export function atStep(error: unknown, step: string, attempts: ServerAttempt[], toData: (e: unknown) => AppErrorData): AppError {
  const data = toData(error);
  // The directory's own details stay where the UI looks for them (e.g. a write conflict's
  // `current`); the workflow's are added beside them.
  const own = data.details && typeof data.details === 'object' && !Array.isArray(data.details) ? (data.details as Record<string, unknown>) : {};
  const details: WorkflowFailureDetails & Record<string, unknown> = { ...own, originalDialog: null, attempts, ...(data.details !== undefined ? { cause: data.details } : {}) };
  return new AppError({ ...data, step, details }, { cause: error });
}

