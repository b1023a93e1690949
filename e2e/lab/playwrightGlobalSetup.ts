// Playwright globalSetup: the same as the vitest one (ensureLab.ts). Workers start after this
// runs, so they inherit ADDRESSDESK_LAB; specs call requireLabForPlaywright() or check the variable.
import { ensureLab } from './ensureLab.ts';

export default function globalSetup(): void {
  const state = ensureLab();
  process.env.ADDRESSDESK_LAB = state.state === 'up' ? 'up' : 'missing';
  if (state.state === 'missing') process.env.ADDRESSDESK_LAB_REASON = state.reason;
}
