// The workflow's progress list: every step's state, emitted as stepChanged events the moment it
// changes (pending → running → done | failed | skipped), the title remembered per step id.
import type { AppErrorData } from '../../../shared/errors.ts';
import type { WorkflowEvent } from '../../../shared/model/workflow.ts';

type State = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export class StepBoard {
  private readonly steps = new Map<string, { title: string; state: State }>();

  constructor(private readonly emit: (event: WorkflowEvent) => void) {}

  private set(stepId: string, state: State, detail?: string, error?: AppErrorData, title?: string): void {
    const step = this.steps.get(stepId) ?? { title: title ?? stepId, state };
    if (title) step.title = title;
    step.state = state;
    this.steps.set(stepId, step);
    const event: WorkflowEvent = { type: 'stepChanged', stepId, title: step.title, state };
    if (detail !== undefined) event.detail = detail;
    if (error !== undefined) event.error = error;
    this.emit(event);
  }

  pending(stepId: string, title: string, detail?: string): void {
    this.set(stepId, 'pending', detail, undefined, title);
  }
  running(stepId: string, detail?: string, title?: string): void {
    this.set(stepId, 'running', detail, undefined, title);
  }
  done(stepId: string, detail: string): void {
    this.set(stepId, 'done', detail);
  }
  failed(stepId: string, detail: string, error?: AppErrorData): void {
    this.set(stepId, 'failed', detail, error);
  }
  skipped(stepId: string, detail: string, title?: string): void {
    this.set(stepId, 'skipped', detail, undefined, title);
  }

  stateOf(stepId: string): State | undefined {
    return this.steps.get(stepId)?.state;
  }

  /** Marks the listed steps skipped when they have not finished (pending or, with `running`, running). */
  skipUnfinished(stepIds: readonly string[], detail: string, options: { running?: boolean } = {}): void {
    for (const id of stepIds) {
      const state = this.steps.get(id)?.state;
      if (state === 'pending' || (options.running && state === 'running')) this.skipped(id, detail);
    }
  }

  /** After a failure: running steps fail with the error, pending ones are skipped. */
  stopAll(error: AppErrorData, detail: string): void {
    for (const [id, step] of this.steps) {
      if (step.state === 'running') this.failed(id, error.message, error);
      else if (step.state === 'pending') this.skipped(id, detail);
    }
  }
}
