import { describe, expect, it } from 'vitest';
import { EqualityFilter, FilterParser, OrFilter, SubstringFilter } from 'ldapts';
import { containsFilter, equalityFilter, escapeFilterValue, orFilter } from './filter.ts';

// Values an attacker (or an unlucky typist) could put in an address.
const injections = ['smtp:*', 'smtp:a*b@x', 'smtp:x)(proxyAddresses=*', 'smtp:x\\2a@y', 'smtp:\u0000@y', 'smtp:(a)@b', 'smtp:\\', 'x:*)(|(objectClass=*'];

describe('escapeFilterValue (RFC 4515 3)', () => {
  it('escapes exactly the five special characters and controls', () => {
    expect(escapeFilterValue('a*b(c)d\\e\u0000f')).toBe('a\\2ab\\28c\\29d\\5ce\\00f');
    expect(escapeFilterValue('SMTP:John.Doe@corp.example.test')).toBe('SMTP:John.Doe@corp.example.test');
    expect(escapeFilterValue('smtp:jürgen@bücher.test')).toBe('smtp:jürgen@bücher.test');
  });

  it.each(injections)('an equality filter on %j parses back to one equality assertion of that exact value', (value) => {
    const parsed = FilterParser.parseString(equalityFilter('proxyAddresses', value));
    expect(parsed).toBeInstanceOf(EqualityFilter);
    expect((parsed as EqualityFilter).attribute).toBe('proxyAddresses');
    expect((parsed as EqualityFilter).value).toBe(value);
  });

  it('an OR of injection strings stays one equality assertion per value', () => {
    const parsed = FilterParser.parseString(orFilter(injections.map((v) => equalityFilter('proxyAddresses', v))));
    expect(parsed).toBeInstanceOf(OrFilter);
    const filters = (parsed as OrFilter).filters;
    expect(filters).toHaveLength(injections.length);
    expect(filters.map((f) => (f as EqualityFilter).value)).toEqual(injections);
  });

  it('a contains filter keeps user wildcards literal', () => {
    const parsed = FilterParser.parseString(containsFilter('mail', 'a*b'));
    expect(parsed).toBeInstanceOf(SubstringFilter);
    expect((parsed as SubstringFilter).any).toEqual(['a*b']);
  });
});
