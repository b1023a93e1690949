import { describe, expect, it } from 'vitest';
import { initialApplySteps, settleSteps, stepChanged } from './applySteps.ts';

describe('apply steps', () => {
  it('starts empty: main announces the steps it runs', () => {
    expect(initialApplySteps()).toEqual([]);
  });
  it('updates a known step in place and appends new ones in arrival order, with times', () => {
    let steps = initialApplySteps();
    steps = stepChanged(steps, { type: 'stepChanged', jobId: 'j', stepId: 'write', title: 'Write', state: 'running' }, 1000);
    steps = stepChanged(steps, { type: 'stepChanged', jobId: 'j', stepId: 'servers', title: 'Finding Exchange servers', state: 'pending' }, 1100);
    steps = stepChanged(steps, { type: 'stepChanged', jobId: 'j', stepId: 'write', title: 'Write', state: 'done', detail: '1 added, 0 removed' }, 1250);
    expect(steps).toEqual([
      { id: 'write', title: 'Write', state: 'done', detail: '1 added, 0 removed', startedAt: 1000, endedAt: 1250, changedAt: 1250 },
      { id: 'servers', title: 'Finding Exchange servers', state: 'pending', changedAt: 1100 },
    ]);
  });
  it('settles what never reported when the call ends', () => {
    const steps = [
      { id: 'a', title: 'A', state: 'running' as const, startedAt: 5 },
      { id: 'b', title: 'B', state: 'pending' as const },
    ];
    expect(settleSteps(steps, 'failed', 9).map((s) => [s.state, s.endedAt])).toEqual([
      ['failed', 9],
      ['skipped', 9],
    ]);
    expect(settleSteps(steps, 'done').map((s) => s.state)).toEqual(['done', 'done']);
  });
});
