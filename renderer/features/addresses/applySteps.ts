// The Apply progress as a list of steps. Today Apply has one step ("Saving"); the validation flow's
// eight steps (servers, ping, SCM, endpoint mapper, bind, GC search, write, ...) arrive as more
// `stepChanged` events with their own ids and slot into the same list in the order they appear.
import type { AppErrorData } from '../../../shared/errors.ts';
import type { JobEvent, StepState } from '../../../shared/ipc/contract.ts';

export interface ApplyStep {
  id: string;
  title: string;
  state: StepState;
  detail?: string;
  error?: AppErrorData;
}

/** The steps shown as pending the moment Apply is pressed. */
export function initialApplySteps(): ApplyStep[] {
  return [{ id: 'save', title: 'Saving', state: 'pending' }];
}

/** Folds one job event into the list: a known step is updated in place, a new one is appended. */
export function stepChanged(steps: readonly ApplyStep[], event: Extract<JobEvent, { type: 'stepChanged' }>): ApplyStep[] {
  const next: ApplyStep = { id: event.stepId, title: event.title, state: event.state };
  if (event.detail !== undefined) next.detail = event.detail;
  if (event.error !== undefined) next.error = event.error;
  const index = steps.findIndex((s) => s.id === event.stepId);
  if (index < 0) return [...steps, next];
  return steps.map((s, i) => (i === index ? next : s));
}

/** When the call itself settles, steps still pending or running did not get to finish. */
export function settleSteps(steps: readonly ApplyStep[], outcome: 'done' | 'failed'): ApplyStep[] {
  return steps.map((s) => {
    if (s.state === 'running') return { ...s, state: outcome };
    if (s.state === 'pending') return { ...s, state: outcome === 'done' ? 'done' : 'skipped' };
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
