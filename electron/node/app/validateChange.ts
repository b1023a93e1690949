import { AppError } from '../../../shared/errors.ts';
import { validateAddressChange } from '../../../shared/addresses/validate.ts';
import type { AddressChange } from '../../../shared/model/directory.ts';

/**
 * Enforces the address rules (the same ones the renderer shows inline) on what a change adds and
 * touches, before anything is written. Throws kind 'validation' naming the first broken rule; the
 * directory is not touched. The renderer's checks are for the user; this one is for safety.
 */
export function validateChange(change: AddressChange): void {
  const [issue, ...more] = validateAddressChange(change);
  if (!issue) return;
  throw new AppError({
    kind: 'validation',
    message: issue.message,
    hint: more.length > 0 ? `Correct this (and ${more.length} more problem${more.length > 1 ? 's' : ''}), then apply again.` : 'Correct the address and apply again.',
    details: { issues: [issue, ...more] },
  });
}
