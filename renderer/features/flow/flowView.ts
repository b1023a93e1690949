// The Apply progress as the original ran it: the eight steps of the validation flow in their order,
// steps 3–6 with one line per Exchange server ("EXCH02 — Reply from … in 1 ms"), each with its
// state and duration. Step events the flow does not know (e.g. an older "save") stay steps of their own.
import type { AppErrorData } from '../../../shared/errors.ts';
import type { StepState } from '../../../shared/ipc/contract.ts';
import { parseStepId, stepTitles, workflowSteps, type WorkflowStep } from '../../../shared/model/workflow.ts';
import type { ApplyStep } from '../addresses/applySteps.ts';

export interface ServerLine {
  /** The event's step id, e.g. "scm:EXCH02". */
  id: string;
  server: string;
  state: StepState;
  detail?: string;
  durationMs?: number;
  error?: AppErrorData;
  /** This server failed the step and the flow went on to a later server (the original's failover). */
  failedOver: boolean;
}

export interface FlowStep {
  /** The workflow step ("ping") or, for a step outside the flow, its own id. */
  id: string;
  /** 1–8 for the flow's steps. */
  number?: number;
  title: string;
  state: StepState;
  detail?: string;
  durationMs?: number;
  error?: AppErrorData;
  servers: ServerLine[];
}

function duration(step: Pick<ApplyStep, 'startedAt' | 'endedAt'>): number | undefined {
  return step.startedAt !== undefined && step.endedAt !== undefined ? Math.max(0, step.endedAt - step.startedAt) : undefined;
}

const finished = (state: StepState) => state === 'done' || state === 'failed' || state === 'skipped';

/**
 * A step's state from its servers' lines: running while any line runs or some are still to come;
 * once all finished, done if any server passed it (a failover), failed if one failed, else skipped.
 */
export function groupState(states: readonly StepState[]): StepState {
  if (states.length === 0) return 'pending';
  if (states.includes('running')) return 'running';
  if (states.every((s) => s === 'pending')) return 'pending';
  if (!states.every(finished)) return 'running';
  if (states.includes('done')) return 'done';
  if (states.includes('failed')) return 'failed';
  return 'skipped';
}

export function buildFlowView(steps: readonly ApplyStep[]): FlowStep[] {
  const groups = new Map<string, { step?: WorkflowStep; own?: ApplyStep; lines: ApplyStep[]; servers: string[] }>();
  for (const applyStep of steps) {
    const parsed = parseStepId(applyStep.id);
    const key = parsed ? parsed.step : applyStep.id;
    const group = groups.get(key) ?? { ...(parsed ? { step: parsed.step } : {}), lines: [], servers: [] };
    if (parsed?.server) {
      group.lines.push(applyStep);
      group.servers.push(parsed.server);
    } else {
      group.own = applyStep;
    }
    groups.set(key, group);
  }

  const order = (key: string) => {
    const index = (workflowSteps as readonly string[]).indexOf(key);
    return index < 0 ? workflowSteps.length : index;
  };
  const keys = [...groups.keys()].sort((a, b) => order(a) - order(b));

  return keys.map((key) => {
    const group = groups.get(key)!;
    const servers: ServerLine[] = group.lines.map((line, i) => {
      const later = group.lines.slice(i + 1).some((l) => l.state !== 'pending' && l.state !== 'skipped');
      const view: ServerLine = { id: line.id, server: group.servers[i]!, state: line.state, failedOver: line.state === 'failed' && later };
      if (line.detail !== undefined) view.detail = line.detail;
      if (line.error !== undefined) view.error = line.error;
      const ms = duration(line);
      if (ms !== undefined) view.durationMs = ms;
      return view;
    });
    const own = group.own;
    const state = own && servers.length === 0 ? own.state : groupState([...servers.map((s) => s.state), ...(own ? [own.state] : [])]);
    const view: FlowStep = {
      id: key,
      title: group.step ? stepTitles[group.step] : (own?.title ?? key),
      state,
      servers,
    };
    if (group.step) view.number = workflowSteps.indexOf(group.step) + 1;
    if (own?.detail !== undefined) view.detail = own.detail;
    if (own?.error !== undefined) view.error = own.error;
    const all = [...group.lines, ...(own ? [own] : [])];
    const starts = all.map((s) => s.startedAt).filter((t): t is number => t !== undefined);
    const ends = all.map((s) => s.endedAt).filter((t): t is number => t !== undefined);
    if (finished(state) && starts.length > 0 && ends.length > 0) view.durationMs = Math.max(0, Math.max(...ends) - Math.min(...starts));
    return view;
  });
}

/** "120 ms", "1.4 s". */
export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export const stateMark: Record<StepState, string> = {
  pending: '○',
  running: '…',
  done: '✓',
  failed: '✗',
  skipped: '–',
};

/** The polite announcement of the step that changed last ("Ping, EXCH02: done. Reply from …"). */
export function latestAnnouncement(steps: readonly ApplyStep[], stateText: Record<StepState, string>): string {
  let latest: ApplyStep | undefined;
  for (const step of steps) if (step.changedAt !== undefined && (!latest || step.changedAt >= (latest.changedAt ?? 0))) latest = step;
  if (!latest) return '';
  const parsed = parseStepId(latest.id);
  const title = parsed ? `${stepTitles[parsed.step]}${parsed.server ? `, ${parsed.server}` : ''}` : latest.title;
  return `${title}: ${stateText[latest.state].toLowerCase()}.${latest.detail ? ` ${latest.detail}` : ''}`;
}
