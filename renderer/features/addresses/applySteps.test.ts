import { describe, expect, it } from 'vitest';
import { initialApplySteps, settleSteps, stepChanged } from './applySteps.ts';

describe('apply steps', () => {
  it('starts with Saving pending', () => {
    expect(initialApplySteps()).toEqual([{ id: 'save', title: 'Saving', state: 'pending' }]);
  });
  it('updates a known step in place and appends new ones in arrival order', () => {
    let steps = initialApplySteps();
    steps = stepChanged(steps, { type: 'stepChanged', jobId: 'j', stepId: 'servers', title: 'Finding Exchange servers', state: 'running' });
    steps = stepChanged(steps, { type: 'stepChanged', jobId: 'j', stepId: 'save', title: 'Saving', state: 'done', detail: '1 added, 0 removed' });
    expect(steps).toEqual([
      { id: 'save', title: 'Saving', state: 'done', detail: '1 added, 0 removed' },
      { id: 'servers', title: 'Finding Exchange servers', state: 'running' },
    ]);
  });
  it('settles what never reported when the call ends', () => {
    const steps = [
      { id: 'a', title: 'A', state: 'running' as const },
      { id: 'b', title: 'B', state: 'pending' as const },
    ];
    expect(settleSteps(steps, 'failed').map((s) => s.state)).toEqual(['failed', 'skipped']);
    expect(settleSteps(steps, 'done').map((s) => s.state)).toEqual(['done', 'done']);
  });
});
