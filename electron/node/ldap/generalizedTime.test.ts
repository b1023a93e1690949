import { describe, expect, it } from 'vitest';
import { generalizedTimeToIso } from './generalizedTime.ts';

describe('generalizedTimeToIso', () => {
  it('converts AD timestamps and refuses anything else', () => {
    expect(generalizedTimeToIso('20261203164518.0Z')).toBe('2026-12-03T16:45:18.000Z');
    expect(generalizedTimeToIso('20261203164518.123Z')).toBe('2026-12-03T16:45:18.123Z');
    expect(generalizedTimeToIso('garbage')).toBeNull();
    expect(generalizedTimeToIso(null)).toBeNull();
  });
});
