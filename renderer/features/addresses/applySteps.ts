// The Apply progress as a list of steps, in the order their first `stepChanged` event arrived. Without
// new addresses main reports one write step; with them, the validation flow's eight steps (some per
// Exchange server, e.g. `ping:EXCH02`) arrive the same way, and renderer/features/flow groups them.
import type { AppErrorData } from '../../../shared/errors.ts';
import type { JobEvent, StepState } from '../../../shared/ipc/contract.ts';

export interface ApplyStep {
  id: string;
  title: string;
  state: StepState;
  detail?: string;
  error?: AppErrorData;
  /** When the step was first seen running (the renderer's clock, for durations). */
  startedAt?: number;
  /** When it reached done, failed or skipped. */
  endedAt?: number;
  /** When its last event arrived (the live region announces the latest change). */
  changedAt?: number;
}

/** Nothing is shown as pending when Apply is pressed: main announces the steps it will run. */
export function initialApplySteps(): ApplyStep[] {
  return [];
}

/** Folds one job event into the list: a known step is updated in place, a new one is appended. */
export function stepChanged(steps: readonly ApplyStep[], event: Extract<JobEvent, { type: 'stepChanged' }>, now = Date.now()): ApplyStep[] {
  const index = steps.findIndex((s) => s.id === event.stepId);
  const previous = index < 0 ? undefined : steps[index];
  const next: ApplyStep = { id: event.stepId, title: event.title, state: event.state, changedAt: now };
  if (event.detail !== undefined) next.detail = event.detail;
  if (event.error !== undefined) next.error = event.error;
  const startedAt = previous?.startedAt ?? (event.state === 'running' ? now : undefined);
  if (startedAt !== undefined) next.startedAt = startedAt;
  if (event.state === 'done' || event.state === 'failed' || event.state === 'skipped') next.endedAt = now;
  if (index < 0) return [...steps, next];
  return steps.map((s, i) => (i === index ? next : s));
}

/** When the call itself settles, steps still pending or running did not get to finish. */
export function settleSteps(steps: readonly ApplyStep[], outcome: 'done' | 'failed', now = Date.now()): ApplyStep[] {
  return steps.map((s) => {
    if (s.state === 'running') return { ...s, state: outcome, endedAt: now };
    if (s.state === 'pending') return { ...s, state: outcome === 'done' ? 'done' : 'skipped', endedAt: now };
    return s;
  });
}

export const stepStateText: Record<StepState, string> = {
  pending: 'Waiting',
  running: 'In progress',
  done: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
};
