import { AppError } from '../../../shared/errors.ts';
import { addressKey, parseProxyAddress } from '../../../shared/addresses/proxyAddress.ts';
import type { AddressChange } from '../../../shared/model/directory.ts';

/**
 * Enforces the address rules on the list a change would leave behind, before anything is written.
 * Throws kind 'validation' naming the first broken rule; the directory is not touched.
 */
export function validateChange(change: AddressChange): void {
  const removed = new Set(change.removeProxyAddresses.map((v) => v.toLowerCase()));
  const result = [...change.expected.proxyAddresses.filter((v) => !removed.has(v.toLowerCase())), ...change.addProxyAddresses];
  for (const value of change.addProxyAddresses) {
    const parsed = parseProxyAddress(value);
    if (!parsed.ok) throw new AppError({ kind: 'validation', message: parsed.message, hint: 'Correct the address and apply again.' });
  }
  const seen = new Set<string>();
  for (const value of result) {
    const key = addressKey(value);
    if (seen.has(key)) {
      throw new AppError({ kind: 'validation', message: `"${value}" appears twice in the list.`, hint: 'Remove the duplicate and apply again.' });
    }
    seen.add(key);
  }
}
