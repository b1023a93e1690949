// vitest globalSetup of the `lab` project: brings the lab up once per run (see ensureLab.ts for
// the CI / non-CI policy) and tells the test workers whether it is there.
import type { TestProject } from 'vitest/node';
import { ensureLab } from './ensureLab.ts';
import type { LabState } from './ensureLab.ts';

declare module 'vitest' {
  interface ProvidedContext {
    addressdeskLab: LabState;
  }
}

export default function setup(project: TestProject): void {
  const state = ensureLab();
  project.provide('addressdeskLab', state);
  // Also through the environment, for helpers that run outside vitest's inject().
  process.env.ADDRESSDESK_LAB = state.state === 'up' ? 'up' : 'missing';
  if (state.state === 'missing') process.env.ADDRESSDESK_LAB_REASON = state.reason;
}
