import { describe, expect, it } from 'vitest';
import { NO_MORE_ENDPOINTS } from '../../../shared/model/originalErrors.ts';
import { holdersOf, originalDialogOf } from './originalDialog.ts';

describe('originalDialogOf', () => {
  it('reads the dialog the workflow attached, verbatim', () => {
    const error = { kind: 'win32' as const, message: 'EXCH02 …', details: { originalDialog: NO_MORE_ENDPOINTS, attempts: [] } };
    expect(originalDialogOf(error)).toEqual(NO_MORE_ENDPOINTS);
  });
  it('is null for errors without one or with a malformed one', () => {
    expect(originalDialogOf(null)).toBeNull();
    expect(originalDialogOf({ kind: 'conflict', message: 'x', details: { current: {} } })).toBeNull();
    expect(originalDialogOf({ kind: 'conflict', message: 'x', details: { originalDialog: null } })).toBeNull();
    expect(originalDialogOf({ kind: 'conflict', message: 'x', details: { originalDialog: { id: 5 } } })).toBeNull();
  });
  it('lists the holders of an address', () => {
    const holder = { dn: 'CN=A,DC=x', displayName: 'A', address: 'smtp:a@x', storedValue: 'smtp:a@x' };
    expect(holdersOf({ kind: 'conflict', message: 'x', details: { holders: [holder] } })).toEqual([holder]);
    expect(holdersOf({ kind: 'conflict', message: 'x' })).toEqual([]);
  });
});
