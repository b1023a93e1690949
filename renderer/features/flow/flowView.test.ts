import { describe, expect, it } from 'vitest';
import type { StepState } from '../../../shared/ipc/contract.ts';
import { stepStateText, type ApplyStep } from '../addresses/applySteps.ts';
import { buildFlowView, formatDuration, groupState, latestAnnouncement } from './flowView.ts';

const step = (id: string, state: StepState, extra: Partial<ApplyStep> = {}): ApplyStep => ({ id, title: id, state, ...extra });

describe('flow view', () => {
  it('orders the eight steps as the original and groups per-server lines under steps 3–6', () => {
    const view = buildFlowView([
      step('write', 'pending'),
      step('findServers', 'done', { detail: '3 servers', startedAt: 0, endedAt: 40 }),
      step('ping:EXCH02', 'done', { detail: 'Reply in 1 ms', startedAt: 100, endedAt: 220 }),
      step('ping:EXCH01', 'skipped', { detail: 'Not needed' }),
      step('orderServers', 'done'),
      step('globalCatalog', 'pending'),
    ]);
    expect(view.map((s) => [s.number, s.id, s.title, s.state])).toEqual([
      [1, 'findServers', 'Find Exchange servers', 'done'],
      [2, 'orderServers', 'Order by age', 'done'],
      [3, 'ping', 'Ping', 'done'],
      [7, 'globalCatalog', 'Global Catalog check', 'pending'],
      [8, 'write', 'Write', 'pending'],
    ]);
    expect(view[0]!.durationMs).toBe(40);
    expect(view[2]!.servers.map((s) => [s.server, s.state, s.detail, s.durationMs])).toEqual([
      ['EXCH02', 'done', 'Reply in 1 ms', 120],
      ['EXCH01', 'skipped', 'Not needed', undefined],
    ]);
  });

  it('marks a server that failed a step and was followed by the next server as a failover', () => {
    const [scm] = buildFlowView([step('scm:EXCH02', 'failed', { detail: 'SERVICE_STOPPED' }), step('scm:EXCH03', 'done')]);
    expect(scm!.state).toBe('done');
    expect(scm!.servers.map((s) => s.failedOver)).toEqual([true, false]);
    const [last] = buildFlowView([step('systemAttendant:EXCH02', 'failed'), step('systemAttendant:EXCH03', 'skipped')]);
    expect(last!.state).toBe('failed');
    expect(last!.servers[0]!.failedOver).toBe(false);
  });

  it('shows Direct mode steps without a server as skipped with their reason', () => {
    const view = buildFlowView([step('ping', 'skipped', { detail: 'Direct mode: no Exchange server needed' })]);
    expect(view).toEqual([{ id: 'ping', number: 3, title: 'Ping', state: 'skipped', detail: 'Direct mode: no Exchange server needed', servers: [] }]);
  });

  it('keeps steps outside the flow as their own, after the flow', () => {
    expect(buildFlowView([step('save', 'done'), step('write', 'done')]).map((s) => s.id)).toEqual(['write', 'save']);
  });

  it('derives a step state from its servers', () => {
    expect(groupState(['pending', 'pending'])).toBe('pending');
    expect(groupState(['failed', 'pending'])).toBe('running');
    expect(groupState(['failed', 'running'])).toBe('running');
    expect(groupState(['failed', 'failed'])).toBe('failed');
    expect(groupState(['skipped', 'skipped'])).toBe('skipped');
  });

  it('announces the latest change and formats durations', () => {
    const steps = [step('ping:EXCH02', 'done', { changedAt: 5, detail: 'Reply in 1 ms' }), step('scm:EXCH02', 'running', { changedAt: 9 })];
    expect(latestAnnouncement(steps, stepStateText)).toBe('Service Control Manager, EXCH02: in progress.');
    expect(formatDuration(120)).toBe('120 ms');
    expect(formatDuration(1450)).toBe('1.4 s');
  });
});
