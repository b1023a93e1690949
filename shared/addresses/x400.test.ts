import { describe, expect, it } from 'vitest';
import { emptyX400Fields, formatX400, parseX400 } from './x400.ts';

describe('X.400 text', () => {
  it('parses the Exchange form with a blank ADMD', () => {
    const result = parseX400('c=US;a= ;p=Corp;o=Exchange;s=Doe;g=John;');
    expect(result).toEqual({ ok: true, fields: { ...emptyX400Fields(), c: 'US', a: ' ', p: 'Corp', o: 'Exchange', s: 'Doe', g: 'John' } });
  });
  it('reads keys case-insensitively and keeps value case', () => {
    const result = parseX400('C=us;A= ;P=Corp;S=van Doe');
    expect(result.ok && result.fields.s).toBe('van Doe');
    expect(result.ok && result.fields.c).toBe('us');
  });
  it('keeps "=" inside a value', () => {
    const result = parseX400('c=US;a= ;p=Corp;s=a=b;');
    expect(result.ok && result.fields.s).toBe('a=b');
  });
  it('keeps attributes the dialog does not edit, in order', () => {
    const result = parseX400('g=Suzan;s=Fine;cn=Suzan Fine;o=NorthAmerica;p=Microsoft;a=ATT;c=US;dda:SMTP=x@y;');
    expect(result.ok && result.fields.extra).toEqual([
      ['cn', 'Suzan Fine'],
      ['dda:smtp', 'x@y'],
    ]);
  });
  it('formats in Exchange order, skipping empty optional fields', () => {
    expect(formatX400({ ...emptyX400Fields(), s: 'Doe', g: 'John', c: 'US', a: ' ', p: 'Corp', o: 'Exchange', ou1: 'Sales' })).toBe(
      'c=US;a= ;p=Corp;o=Exchange;ou1=Sales;s=Doe;g=John;',
    );
  });
  it('always writes the ADMD', () => {
    expect(formatX400({ ...emptyX400Fields(), c: 'US', p: 'Corp', s: 'Doe' })).toBe('c=US;a=;p=Corp;s=Doe;');
  });
  it('round-trips every field and the extras', () => {
    const text = 'c=US;a= ;p=Corp;o=Exchange;ou1=A;ou2=B;ou3=C;ou4=D;s=Doe;g=John;i=JD;q=Jr;cn=John Doe;';
    const parsed = parseX400(text);
    expect(parsed.ok && formatX400(parsed.fields)).toBe(text);
  });
  it.each<[string, string]>([
    ['', 'The X.400 address is empty.'],
    [';', 'The X.400 address is empty.'],
    ['c=US;;s=Doe', '"" is not an X.400 attribute: write each one as key=value followed by a semicolon, for example c=US;.'],
    ['=US;s=Doe', '"=US" is not an X.400 attribute: write each one as key=value followed by a semicolon, for example c=US;.'],
    ['c=US;C=GB;s=Doe', 'The X.400 attribute "c" appears twice.'],
  ])('refuses %j', (text, message) => {
    expect(parseX400(text)).toEqual({ ok: false, message });
  });
});
