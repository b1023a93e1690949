// What someone else changed between the read an edit started from and the fresh data a conflicting
// write reports, so the tab can say "changed by someone else" and list it.

import { isPolicyExcluded, type AddressSnapshot } from '../model/directory.ts';

export interface ConflictSummary {
  /** Values present now that were not there when the edit started (exact, so a primary switch shows both). */
  addedByOther: string[];
  removedByOther: string[];
  mail: { before: string | null; after: string | null } | null;
  policyEnabled: { before: boolean; after: boolean } | null;
}

export function describeConflict(before: AddressSnapshot, after: AddressSnapshot): ConflictSummary {
  const was = new Set(before.proxyAddresses);
  const now = new Set(after.proxyAddresses);
  const policyBefore = !isPolicyExcluded(before.policyExcluded);
  const policyAfter = !isPolicyExcluded(after.policyExcluded);
  return {
    addedByOther: after.proxyAddresses.filter((v) => !was.has(v)),
    removedByOther: before.proxyAddresses.filter((v) => !now.has(v)),
    mail: before.mail === after.mail ? null : { before: before.mail, after: after.mail },
    policyEnabled: policyBefore === policyAfter ? null : { before: policyBefore, after: policyAfter },
  };
}

export function conflictIsEmpty(summary: ConflictSummary): boolean {
  return summary.addedByOther.length === 0 && summary.removedByOther.length === 0 && !summary.mail && !summary.policyEnabled;
}
