import { describe, expect, it } from 'vitest';
import { addressWarnings, resultingList, validateAddressChange, validateAddressList, validateCustomEntry, validateNewAddress } from './validate.ts';
import { emptyX400Fields, type X400Fields } from './x400.ts';

const long = (n: number, ch = 'a') => ch.repeat(n);

describe('SMTP: valid addresses', () => {
  it.each([
    'jdoe@corp.example.test',
    'John.Doe@corp.example.test',
    'o\'brien@example.com', // apostrophes are valid (IdFix LocalPart allows them)
    'd\'angelo.smith@example.com',
    'first+tag@example.com',
    'a*b@example.com',
    'a/b@example.com',
    'a=b@example.com',
    'why?@example.com',
    'caret^@example.com',
    '{braces}@example.com',
    'pipe|pipe@example.com',
    'tilde~@example.com',
    'back`tick@example.com',
    '!#$%&@example.com',
    'under_score@example.com',
    'hy-phen@example.com',
    '1234567890@example.com',
    'x@example.com',
    'x@a.b',
    'jdoe@sub.sub2.sub3.example.co.uk',
    'jdoe@xn--bcher-kva.example',
    'jdoe@corp.local', // a .local domain is accepted (warned about, not blocked)
    'jdoe@EXAMPLE.COM',
    'jdoe@123.example.com',
    'jdoe@ex-ample.com',
    `${long(64)}@example.com`,
    `jdoe@${long(63)}.com`,
    'jdoe@example.c0m',
    'a.b.c.d@example.com',
  ])('accepts %s', (address) => {
    expect(validateNewAddress('SMTP', address)).toEqual([]);
  });
});

describe('SMTP: invalid addresses, each with its message', () => {
  it.each<[string, string, string]>([
    ['', 'required', 'Type an e-mail address.'],
    ['   ', 'required', 'Type an e-mail address.'],
    ['smtp:jdoe@example.com', 'smtp.prefix', 'Leave out the "smtp:" prefix: the address type is added for you.'],
    ['SMTP:jdoe@example.com', 'smtp.prefix', 'Leave out the "smtp:" prefix: the address type is added for you.'],
    ['jdoe:x@example.com', 'smtp.colon', "An SMTP address can't contain a colon."], // IdFix "extra colon"
    ['jdoe@example.com:25', 'smtp.colon', "An SMTP address can't contain a colon."],
    ['jd\toe@example.com', 'smtp.control', "An e-mail address can't contain tabs, line breaks or other control characters."],
    ['jdoe@example.com\n', 'smtp.control', "An e-mail address can't contain tabs, line breaks or other control characters."],
    ['john doe@example.com', 'smtp.whitespace', "An e-mail address can't contain spaces."],
    [' jdoe@example.com', 'smtp.whitespace', "An e-mail address can't contain spaces."],
    ['jdoe@example.com ', 'smtp.whitespace', "An e-mail address can't contain spaces."],
    ['jdoe@exa mple.com', 'smtp.whitespace', "An e-mail address can't contain spaces."],
    ['jdoe\u00a0x@example.com', 'smtp.whitespace', "An e-mail address can't contain spaces."],
    ['"john.doe"@example.com', 'smtp.quoted', 'Quoted names before the @ (like "john doe"@example.com) aren\'t allowed: Microsoft 365 directory sync rejects quotes.'],
    ['"john doe"@example.com', 'smtp.whitespace', "An e-mail address can't contain spaces."],
    ['jo"hn@example.com', 'smtp.character', 'An e-mail address can\'t contain """.'],
    ['<jdoe@example.com>', 'smtp.character', 'An e-mail address can\'t contain "<" and ">".'],
    ['jdoe(x)@example.com', 'smtp.character', 'An e-mail address can\'t contain "(" and ")".'],
    ['jdoe;x@example.com', 'smtp.character', 'An e-mail address can\'t contain ";".'],
    ['jdoe,x@example.com', 'smtp.character', 'An e-mail address can\'t contain ",".'],
    ['jdoe@[10.0.0.1]', 'smtp.character', 'An e-mail address can\'t contain "[" and "]".'],
    ['a<b>c;d@example.com', 'smtp.character', 'An e-mail address can\'t contain "<", ">" and ";".'],
    ['jdoe.example.com', 'smtp.noAt', 'An e-mail address needs an @ between the name and the domain, like jdoe@example.com.'],
    ['jdoe', 'smtp.noAt', 'An e-mail address needs an @ between the name and the domain, like jdoe@example.com.'],
    ['jdoe@@example.com', 'smtp.manyAt', 'An e-mail address can have only one @.'],
    ['a@b@example.com', 'smtp.manyAt', 'An e-mail address can have only one @.'],
    ['@example.com', 'smtp.localEmpty', 'Type the part before the @.'],
    [`${long(65)}@example.com`, 'smtp.localLength', 'The part before the @ can be at most 64 characters; it has 65.'],
    ['.jdoe@example.com', 'smtp.localDotEnds', "The part before the @ can't start or end with a dot."],
    ['jdoe.@example.com', 'smtp.localDotEnds', "The part before the @ can't start or end with a dot."],
    ['.@example.com', 'smtp.localDotEnds', "The part before the @ can't start or end with a dot."],
    ['john..doe@example.com', 'smtp.localDoubleDot', "The part before the @ can't contain two dots in a row."],
    ['jo\\hn@example.com', 'smtp.localCharacter', 'The part before the @ can\'t contain "\\".'],
    ['jdoe@', 'smtp.domainEmpty', 'Type the domain after the @, like example.com.'],
    ['jdoe@.example.com', 'smtp.domainDotEnds', "The domain after the @ can't start or end with a dot."],
    ['jdoe@example.com.', 'smtp.domainDotEnds', "The domain after the @ can't start or end with a dot."],
    ['jdoe@example..com', 'smtp.domainDoubleDot', "The domain after the @ can't contain two dots in a row."],
    ['jdoe@exa_mple.com', 'smtp.domainCharacter', 'The domain after the @ can only contain letters, digits, hyphens and dots, not "_".'],
    ['jdoe@exa!mple.com', 'smtp.domainCharacter', 'The domain after the @ can only contain letters, digits, hyphens and dots, not "!".'],
    ['jdoe@exa\'mple.com', 'smtp.domainCharacter', 'The domain after the @ can only contain letters, digits, hyphens and dots, not "\'".'],
    ['jdoe@localhost', 'smtp.domainSingleLabel', 'The domain after the @ needs at least two parts separated by a dot, like example.com.'],
    ['jdoe@-example.com', 'smtp.labelHyphen', 'A part of the domain can\'t start or end with a hyphen ("-example").'],
    ['jdoe@example-.com', 'smtp.labelHyphen', 'A part of the domain can\'t start or end with a hyphen ("example-").'],
    ['jdoe@example.com-', 'smtp.labelHyphen', 'A part of the domain can\'t start or end with a hyphen ("com-").'],
    [`jdoe@${long(64)}.com`, 'smtp.labelLength', `Each part of the domain can be at most 63 characters; "${long(20)}..." is longer.`],
    ['jdoe@10.0.0.1', 'smtp.tldNumeric', "The last part of the domain can't be only digits (IP addresses aren't allowed)."],
    ['jdoe@example.123', 'smtp.tldNumeric', "The last part of the domain can't be only digits (IP addresses aren't allowed)."],
    [`jdoe@${[long(63), long(63), long(63), long(63), 'ab'].join('.')}`, 'smtp.domainLength', 'The domain after the @ can be at most 255 characters; it has 258.'],
    [`${long(64)}@${[long(63), long(63), long(60)].join('.')}.com`, 'smtp.valueLength', 'The whole address with its SMTP: prefix can be at most 256 characters; it has 262.'],
    ['jdoé@example.com', 'international', 'The address contains characters outside ASCII ("é"). Confirm it as an internationalised address to use it.'],
    ['jdoe@bücher.example', 'international', 'The address contains characters outside ASCII ("ü"). Confirm it as an internationalised address to use it.'],
    ['用户@例子.广告', 'international', 'The address contains characters outside ASCII ("用", "户", "例", "子", "广" and "告"). Confirm it as an internationalised address to use it.'],
  ])('refuses %j (%s)', (address, rule, message) => {
    const issues = validateNewAddress('SMTP', address);
    expect(issues[0]).toEqual({ field: 'address', rule, message });
  });
});

describe('SMTP: internationalised addresses (RFC 6531) once confirmed', () => {
  const intl = { allowInternational: true };
  it.each(['jdoé@example.com', 'josé.garcía@correo.example', 'jdoe@bücher.example', '用户@例子.广告', 'пользователь@пример.рф', 'δοκιμή@παράδειγμα.δοκιμή', 'ñandú+tag@example.com'])(
    'accepts %s',
    (address) => {
      expect(validateNewAddress('SMTP', address, intl)).toEqual([]);
    },
  );
  it.each<[string, string, string]>([
    ['jdoe@bü_cher.example', 'smtp.domainCharacter', 'The domain after the @ can only contain letters, digits, hyphens and dots, not "_".'],
    ['jdoe@bücher\u2013x.example', 'smtp.domainCharacter', 'The domain after the @ can only contain letters, digits, hyphens and dots, not "\u2013".'],
    ['jdoe\u3000x@example.com', 'smtp.whitespace', "An e-mail address can't contain spaces."],
    ['ü..x@example.com', 'smtp.localDoubleDot', "The part before the @ can't contain two dots in a row."],
    // 22 three-octet characters are 66 octets: the 64 limit counts UTF-8 octets (RFC 6531 3.3).
    [`${'用'.repeat(22)}@example.com`, 'smtp.localLength', 'The part before the @ can be at most 64 characters; it has 66.'],
    ['jdoé@exa mple.com', 'smtp.whitespace', "An e-mail address can't contain spaces."],
    ['"jdoé"@example.com', 'smtp.quoted', 'Quoted names before the @ (like "john doe"@example.com) aren\'t allowed: Microsoft 365 directory sync rejects quotes.'],
  ])('still refuses %j (%s)', (address, rule, message) => {
    expect(validateNewAddress('SMTP', address, intl)[0]).toEqual({ field: 'address', rule, message });
  });
});

describe('SMTP: advice that does not block', () => {
  it.each(['jdoe@corp.local', 'jdoe@CORP.LOCAL', 'jdoe@x.lan', 'jdoe@ad.internal'])('warns about the non-public domain of %s', (address) => {
    expect(validateNewAddress('SMTP', address)).toEqual([]);
    expect(addressWarnings('SMTP', address)[0]?.rule).toBe('smtp.nonRoutableDomain');
  });
  it('says why for .local', () => {
    expect(addressWarnings('SMTP', 'jdoe@corp.local')[0]?.message).toBe(
      '".local" isn\'t a public top-level domain: mail from the internet can\'t reach it, and IdFix flags it before a Microsoft 365 sync.',
    );
  });
  it.each(['jdoe@example.com', 'jdoe@localhost.example.com'])('has no advice for %s', (address) => {
    expect(addressWarnings('SMTP', address)).toEqual([]);
  });
});

function x400(patch: Partial<X400Fields>): X400Fields {
  return { ...emptyX400Fields(), c: 'US', a: ' ', p: 'Corp', o: 'Exchange', s: 'Doe', g: 'John', ...patch };
}

describe('X.400: valid field sets', () => {
  it.each<[string, Partial<X400Fields>]>([
    ['the Exchange default with a blank ADMD', {}],
    ['a 3-digit country', { c: '840' }],
    ['a lower-case country', { c: 'us' }],
    ['a named ADMD', { a: 'ATTMAIL' }],
    ['a 16-character ADMD', { a: long(16, 'A') }],
    ['a 16-character PRMD', { p: long(16, 'P') }],
    ['no organisation', { o: '' }],
    ['a 64-character organisation', { o: long(64, 'O') }],
    ['four organisational units', { ou1: 'A', ou2: 'B', ou3: 'C', ou4: long(32, 'D') }],
    ['a 40-character surname', { s: long(40, 'S') }],
    ['no given name', { g: '' }],
    ['a 16-character given name', { g: long(16, 'G') }],
    ['5 initials', { i: 'ABCDE' }],
    ['a generation qualifier', { q: 'Jr' }],
    ['a 3-character generation qualifier', { q: 'III' }],
    ['every allowed punctuation mark', { s: "O'Neil (x)+,-./:=?" }],
    ['a space inside a value', { o: 'First Organization' }],
    ['an apostrophe in the surname', { s: "O'Brien" }],
  ])('accepts %s', (_name, patch) => {
    expect(validateNewAddress('X400', x400(patch))).toEqual([]);
  });
});

describe('X.400: invalid fields, each with its message', () => {
  it.each<[string, Partial<X400Fields>, string, string, string]>([
    ['no country', { c: '' }, 'c', 'required', 'Country/Region is required.'],
    ['a 1-letter country', { c: 'U' }, 'c', 'x400.country', 'Country/Region must be 2 letters (like US) or 3 digits (like 840).'],
    ['a 3-letter country', { c: 'USA' }, 'c', 'x400.country', 'Country/Region must be 2 letters (like US) or 3 digits (like 840).'],
    ['a 2-digit country', { c: '84' }, 'c', 'x400.country', 'Country/Region must be 2 letters (like US) or 3 digits (like 840).'],
    ['a mixed country', { c: 'U1' }, 'c', 'x400.country', 'Country/Region must be 2 letters (like US) or 3 digits (like 840).'],
    ['a 4-digit country', { c: '8400' }, 'c', 'x400.country', 'Country/Region must be 2 letters (like US) or 3 digits (like 840).'],
    ['an empty ADMD', { a: '' }, 'a', 'required', 'ADMD is required; type a single space for a blank ADMD (a= ).'],
    ['an ADMD of two spaces', { a: '  ' }, 'a', 'x400.blank', "ADMD can't be only spaces."],
    ['a 17-character ADMD', { a: long(17, 'A') }, 'a', 'x400.length', 'ADMD can be at most 16 characters; it has 17.'],
    ['an ADMD with a trailing space', { a: 'ATT ' }, 'a', 'x400.edgeSpace', "ADMD can't start or end with a space."],
    ['no PRMD', { p: '' }, 'p', 'required', 'PRMD is required.'],
    ['a 17-character PRMD', { p: long(17, 'P') }, 'p', 'x400.length', 'PRMD can be at most 16 characters; it has 17.'],
    ['a 65-character organisation', { o: long(65, 'O') }, 'o', 'x400.length', 'Organization can be at most 64 characters; it has 65.'],
    ['a 33-character unit', { ou1: long(33, 'U') }, 'ou1', 'x400.length', 'Organizational unit 1 can be at most 32 characters; it has 33.'],
    ['a 33-character fourth unit', { ou1: 'a', ou2: 'b', ou3: 'c', ou4: long(33, 'U') }, 'ou4', 'x400.length', 'Organizational unit 4 can be at most 32 characters; it has 33.'],
    ['ou2 without ou1', { ou2: 'Sales' }, 'ou2', 'x400.ouOrder', 'Organizational unit 2 needs Organizational unit 1 to be filled in first.'],
    ['ou4 without ou3', { ou1: 'a', ou2: 'b', ou4: 'd' }, 'ou4', 'x400.ouOrder', 'Organizational unit 4 needs Organizational unit 3 to be filled in first.'],
    ['no surname (a recipient address needs one)', { s: '' }, 's', 'required', 'Surname is required.'],
    ['a 41-character surname', { s: long(41, 'S') }, 's', 'x400.length', 'Surname can be at most 40 characters; it has 41.'],
    ['a 17-character given name', { g: long(17, 'G') }, 'g', 'x400.length', 'Given name can be at most 16 characters; it has 17.'],
    ['6 initials', { i: 'ABCDEF' }, 'i', 'x400.length', 'Initials can be at most 5 characters; it has 6.'],
    ['a 4-character generation qualifier', { q: 'IIII' }, 'q', 'x400.length', 'Generation qualifier can be at most 3 characters; it has 4.'],
    ['an @ in the surname', { s: 'Doe@x' }, 's', 'x400.character', "Surname can't contain \"@\": X.400 allows only letters, digits, spaces and ' ( ) + , - . / : = ?."],
    ['a semicolon in the organisation', { o: 'A;B' }, 'o', 'x400.character', "Organization can't contain \";\": X.400 allows only letters, digits, spaces and ' ( ) + , - . / : = ?."],
    ['an underscore and a star', { g: 'J_o*' }, 'g', 'x400.character', "Given name can't contain \"_\" and \"*\": X.400 allows only letters, digits, spaces and ' ( ) + , - . / : = ?."],
    ['an accented letter', { s: 'Müller' }, 's', 'x400.character', "Surname can't contain \"ü\": X.400 allows only letters, digits, spaces and ' ( ) + , - . / : = ?."],
    ['a tab', { s: 'Do\te' }, 's', 'x400.character', "Surname can't contain tabs, line breaks or other control characters."],
    ['a leading space in the surname', { s: ' Doe' }, 's', 'x400.edgeSpace', "Surname can't start or end with a space."],
    ['a surname of spaces', { s: '   ' }, 's', 'x400.blank', "Surname can't be only spaces."],
  ])('refuses %s', (_name, patch, field, rule, message) => {
    expect(validateNewAddress('X400', x400(patch))).toContainEqual({ field, rule, message });
  });
});

describe('X.400: stored text', () => {
  it.each([
    'c=US;a= ;p=Corp;o=Exchange;s=Doe;g=John;',
    'c=us;a= ;p=First Organizati;o=Exchange;s=Doe;g=John;i=J;',
    'C=US;A= ;P=Corp;O=Exchange;S=Doe;',
    'c=US;a= ;p=Corp;s=Doe', // the final semicolon is optional
    'g=Suzan;s=Fine;cn=Suzan Fine;o=NorthAmerica;p=Microsoft;a=ATT;c=US;', // E2K SP2 help example, with cn
  ])('accepts %s', (text) => {
    expect(validateNewAddress('X400', text)).toEqual([]);
  });
  it.each<[string, string, string, string]>([
    ['c=US;a= ;p=Corp;o=Exchange;', 's', 'required', 'Surname is required.'],
    ['c=US;a= ;p=Corp;s=Doe;s=Roe;', 'address', 'x400.format', 'The X.400 attribute "s" appears twice.'],
    ['c=US;a= ;Corp;s=Doe;', 'address', 'x400.format', '"Corp" is not an X.400 attribute: write each one as key=value followed by a semicolon, for example c=US;.'],
    ['', 'address', 'x400.format', 'The X.400 address is empty.'],
    ['c=US;a= ;p=Corp;s=Doe;cn=' + long(65, 'C') + ';', 'address', 'x400.length', 'The X.400 attribute "cn" can be at most 64 characters; it has 65.'],
    ['c=US;a= ;p=Corp;s=Doe;cn=A_B;', 'address', 'x400.character', "The X.400 attribute \"cn\" can't contain \"_\": X.400 allows only letters, digits, spaces and ' ( ) + , - . / : = ?."],
  ])('refuses %j', (text, field, rule, message) => {
    expect(validateNewAddress('X400', text)).toContainEqual({ field, rule, message });
  });
  it('treats "X.400" as the X400 type', () => {
    expect(validateNewAddress('X.400', 'c=US;a= ;p=Corp;s=Doe;')).toEqual([]);
  });
});

describe('X.500', () => {
  it.each([
    '/o=Corp/ou=First Administrative Group/cn=Recipients/cn=jdoe',
    '/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=3f4c1a2b-jdoe', // parentheses and spaces (IdFix 2.3.0.0)
    '/O=CORP/OU=SITE/CN=RECIPIENTS/CN=JDOE',
    "/o=Corp/ou=Site/cn=Recipients/cn=o'brien", // apostrophe accepted (see rules/x500.ts)
    '/o=Corp/cn=jdoe',
    '/o=Corp/ou=Site/cn=Recipients/cn=john.doe+x',
    '/o=Corp, Inc./ou=Site/cn=Recipients/cn=jdoe',
    '/o=Corp/ou=Site/cn=Recipients/cn=a=b',
  ])('accepts %s', (address) => {
    expect(validateNewAddress('X500', address)).toEqual([]);
  });
  it.each<[string, string, string]>([
    ['', 'required', 'Type an X.500 address, like /o=Org/ou=Group/cn=Recipients/cn=jdoe.'],
    ['o=Corp/cn=jdoe', 'x500.leadingSlash', 'An X.500 address starts with a slash, like /o=Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=jdoe.'],
    ['/o=Corp//cn=jdoe', 'x500.emptyPart', "An X.500 address can't have an empty part between slashes or end with a slash."],
    ['/o=Corp/cn=jdoe/', 'x500.emptyPart', "An X.500 address can't have an empty part between slashes or end with a slash."],
    ['/o=Corp/Recipients/cn=jdoe', 'x500.partForm', '"Recipients" needs the form name=value, like ou=Exchange Administrative Group.'],
    ['/o=Corp/o u=Site/cn=jdoe', 'x500.attributeName', '"o u" is not an attribute name: use letters only, like o, ou or cn.'],
    ['/o=Corp/=Site/cn=jdoe', 'x500.attributeName', '"" is not an attribute name: use letters only, like o, ou or cn.'],
    ['/o=Corp/ou=/cn=jdoe', 'x500.emptyValue', 'The ou= part has no value.'],
    ['/o=Corp/ou= Site/cn=jdoe', 'x500.edgeSpace', "The value of ou= can't start or end with a space."],
    ['/ou=Site/cn=jdoe', 'x500.organisationFirst', 'An X.500 address starts with the organisation, /o=..., like /o=Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=jdoe.'],
    ['/o=Corp/ou=Site', 'x500.noCommonName', 'An X.500 address needs at least one cn= part, normally at the end.'],
    ['/o=Corp/cn=[jdoe]', 'x500.character', 'An X.500 address can\'t contain "[" and "]".'],
    ['/o=Corp/cn="jdoe"', 'x500.character', 'An X.500 address can\'t contain """.'],
    ['/o=Corp/cn=jd\noe', 'x500.control', "An X.500 address can't contain tabs, line breaks or other control characters."],
    ['/o=Corp/cn=jdöe', 'international', 'The X.500 address contains characters outside ASCII ("ö"). Confirm it as an internationalised address to use it.'],
  ])('refuses %j', (address, rule, message) => {
    expect(validateNewAddress('X500', address)[0]).toEqual({ field: 'address', rule, message });
  });
  it('accepts a confirmed non-ASCII X.500 value', () => {
    expect(validateNewAddress('X500', '/o=Corp/cn=jdöe', { allowInternational: true })).toEqual([]);
  });
});

describe('custom types', () => {
  it.each<[string, string]>([
    ['SIP', 'jdoe@example.com'],
    ['sip', 'jdoe@example.com'],
    ['NOTES', 'John Doe/Sales/Corp@Corp'], // spaces are real in Notes addresses (see rules/custom.ts)
    ['NOTES', 'John Doe (Sales)/Corp@Corp'], // parentheses too (KB 888614)
    ['GWISE', 'Corp.PO1.jdoe'],
    ['MS', 'CORP/PO1/JDOE'],
    ['CCMAIL', 'Doe, John at Corp'],
    ['EUM', 'jdoe@example.com;phone-context=dialplan.example.com'],
    ['FAX', '+1 555 0100'],
    ['A1B2C3D4E', 'value'], // 9 letters/digits
    ['X', 'a'],
  ])('accepts %s:%s', (type, address) => {
    expect(validateNewAddress(type, address)).toEqual([]);
  });
  it.each<[string, string, string, string, string]>([
    ['', 'x', 'type', 'required', 'Type the address type, like SIP or NOTES.'],
    ['TOOLONGTYP', 'x', 'type', 'custom.typeFormat', 'The address type can be 1 to 9 letters or digits, with no spaces or punctuation.'],
    ['MY TYPE', 'x', 'type', 'custom.typeFormat', 'The address type can be 1 to 9 letters or digits, with no spaces or punctuation.'],
    ['MY-TYPE', 'x', 'type', 'custom.typeFormat', 'The address type can be 1 to 9 letters or digits, with no spaces or punctuation.'],
    ['MY:TYPE', 'x', 'type', 'custom.typeFormat', 'The address type can be 1 to 9 letters or digits, with no spaces or punctuation.'],
    ['123', 'x', 'type', 'custom.typeLetter', 'The address type needs at least one letter: upper and lower case tell primary and secondary addresses apart.'],
    ['SIP', '', 'address', 'required', 'Type the address.'],
    ['SIP', ' jdoe@example.com', 'address', 'custom.edgeSpace', "The address can't start or end with a space."],
    ['SIP', 'jdoe@example.com\r\n', 'address', 'custom.control', "The address can't contain tabs, line breaks or other control characters."],
    ['SIP', '<jdoe@example.com>', 'address', 'custom.character', 'The address can\'t contain "<" and ">".'],
    ['NOTES', 'John "JD" Doe', 'address', 'custom.character', 'The address can\'t contain """.'],
    ['NOTES', 'John [Sales]', 'address', 'custom.character', 'The address can\'t contain "[" and "]".'],
    ['SIP', 'jdoé@example.com', 'address', 'international', 'The address contains characters outside ASCII ("é"). Confirm it as an internationalised address to use it.'],
  ])('refuses %s:%j', (type, address, field, rule, message) => {
    expect(validateCustomEntry(type, address)).toContainEqual({ field, rule, message });
  });
  it.each<[string, string]>([
    ['smtp', 'Choose "SMTP Address" in the type list for SMTP addresses.'],
    ['X400', 'Choose "X.400 Address" in the type list for X400 addresses.'],
    ['x500', 'Choose "X.500 Address" in the type list for X500 addresses.'],
  ])('sends the reserved type %s to its own dialog', (type, message) => {
    expect(validateCustomEntry(type, 'x')).toEqual([{ field: 'type', rule: 'custom.reservedType', message }]);
  });
  it('reports a bad type and a bad address together', () => {
    expect(validateCustomEntry('', '').map((i) => i.field)).toEqual(['type', 'address']);
  });
});

describe('the proxyAddresses value limit (1,123 characters)', () => {
  it('accepts a custom value of exactly 1,123 characters', () => {
    expect(validateNewAddress('SIP', long(1123 - 4))).toEqual([]);
  });
  it('refuses one character more', () => {
    expect(validateNewAddress('SIP', long(1123 - 3))).toEqual([
      { field: 'address', rule: 'valueLength', message: 'The whole value with its SIP: prefix can be at most 1,123 characters (the proxyAddresses limit); it has 1,124.' },
    ]);
  });
  it('refuses a long X.500 value', () => {
    const address = `/o=Corp/ou=${long(1110)}/cn=x`;
    expect(validateNewAddress('X500', address)[0]?.rule).toBe('valueLength');
  });
});

describe('duplicates within the user\'s own list', () => {
  const existing = ['SMTP:jdoe@example.com', 'smtp:john.doe@example.com', 'X400:c=US;a= ;p=Corp;o=Exchange;s=Doe;g=John;', 'sip:jdoe@example.com'];
  const dup = { field: 'address', rule: 'duplicate', message: 'This address is already in the list.' };
  it.each<[string, string]>([
    ['SMTP', 'jdoe@example.com'],
    ['SMTP', 'JDOE@EXAMPLE.COM'], // case-insensitive
    ['SMTP', 'John.Doe@Example.com'], // prefix-insensitive: smtp: and SMTP: are the same address
    ['X400', 'c=us;a= ;p=corp;o=exchange;s=doe;g=john;'],
    ['SIP', 'JDOE@example.com'],
  ])('refuses %s:%s', (type, address) => {
    expect(validateNewAddress(type, address, { existing })).toEqual([dup]);
  });
  it('accepts the same text under another type', () => {
    expect(validateNewAddress('EUM', 'jdoe@example.com', { existing })).toEqual([]);
  });
  it('accepts an address that is new', () => {
    expect(validateNewAddress('SMTP', 'jane@example.com', { existing })).toEqual([]);
  });
  it('lets an edit keep its own address (even with a case change)', () => {
    expect(validateNewAddress('SMTP', 'JDoe@example.com', { existing, replacing: 'SMTP:jdoe@example.com' })).toEqual([]);
  });
  it('refuses an edit that lands on another address of the list', () => {
    expect(validateNewAddress('SMTP', 'john.doe@example.com', { existing, replacing: 'SMTP:jdoe@example.com' })).toEqual([dup]);
  });
});

describe('validateAddressList', () => {
  const good = ['SMTP:jdoe@example.com', 'smtp:john.doe@example.com', 'X400:c=US;a= ;p=Corp;o=Exchange;s=Doe;g=John;', 'X500:/o=Corp/ou=Site/cn=Recipients/cn=jdoe'];
  it('accepts a well-formed list', () => {
    expect(validateAddressList(good)).toEqual([]);
  });
  it('accepts an empty list', () => {
    expect(validateAddressList([])).toEqual([]);
  });
  it('accepts an X.400 value written with a dot in the type', () => {
    expect(validateAddressList(['SMTP:a@example.com', 'X.400:c=US;a= ;p=Corp;s=Doe;'])).toEqual([]);
  });
  it('accepts a confirmed international address by default', () => {
    expect(validateAddressList(['SMTP:jdoé@example.com'])).toEqual([]);
  });
  it('refuses it when asked to', () => {
    expect(validateAddressList(['SMTP:jdoé@example.com'], { allowInternational: false })[0]?.rule).toBe('international');
  });
  it('refuses a value without a type', () => {
    expect(validateAddressList(['jdoe@example.com'])).toEqual([
      { field: 'proxyAddresses[0]', rule: 'format', message: '"jdoe@example.com" has no address type. Write it as TYPE:address, for example SMTP:someone@example.com.' },
    ]);
  });
  it('refuses an SMTP value with an extra colon (IdFix)', () => {
    expect(validateAddressList(['SMTP:jdoe@example.com', 'smtp:x:y@example.com'])).toEqual([
      { field: 'proxyAddresses[1]', rule: 'smtp.colon', message: "smtp:x:y@example.com: An SMTP address can't contain a colon." },
    ]);
  });
  it('names the value in a per-value message', () => {
    expect(validateAddressList(['SMTP:a..b@example.com'])).toEqual([
      { field: 'proxyAddresses[0]', rule: 'smtp.localDoubleDot', message: "SMTP:a..b@example.com: The part before the @ can't contain two dots in a row." },
    ]);
  });
  it('refuses a duplicate that differs in case and prefix', () => {
    expect(validateAddressList(['SMTP:jdoe@example.com', 'smtp:JDOE@example.com'])).toEqual([
      {
        field: 'proxyAddresses[1]',
        rule: 'duplicate',
        message: 'smtp:JDOE@example.com is the same address as SMTP:jdoe@example.com (addresses are compared ignoring case and primary/secondary).',
      },
    ]);
  });
  it('refuses two primaries of one type', () => {
    expect(validateAddressList(['SMTP:a@example.com', 'SMTP:b@example.com'])).toEqual([
      { field: 'proxyAddresses(SMTP)', rule: 'manyPrimaries', message: 'There are 2 primary SMTP addresses (SMTP:a@example.com, SMTP:b@example.com); a type has exactly one.' },
    ]);
  });
  it('refuses a type with no primary', () => {
    expect(validateAddressList(['SMTP:a@example.com', 'x400:c=US;a= ;p=Corp;s=Doe;'])).toEqual([
      { field: 'proxyAddresses(X400)', rule: 'noPrimary', message: 'There is no primary X400 address: set one X400 address as primary.' },
    ]);
  });
  it('checks primaries per type independently', () => {
    expect(validateAddressList(['SMTP:a@example.com', 'SIP:a@example.com', 'smtp:b@example.com', 'sip:b@example.com'])).toEqual([]);
  });
  it('refuses an invalid custom type', () => {
    expect(validateAddressList(['SMTP:a@example.com', 'TOOLONGTYPE:x'])[0]?.rule).toBe('format');
  });
  it('refuses an X.500 value that is not a DN', () => {
    expect(validateAddressList(['X500:jdoe'])[0]?.rule).toBe('x500.leadingSlash');
  });
});

describe('validateAddressChange (main process, before a write)', () => {
  const stored = ['SMTP:jdoe@example.com', 'smtp:john.doe@example.com', 'sip:legacy@example.com', 'smtp:a..legacy@example.com'];
  const change = (add: string[], remove: string[] = []) => ({ expected: { proxyAddresses: stored }, addProxyAddresses: add, removeProxyAddresses: remove });
  it('accepts a valid add next to untouched legacy values', () => {
    expect(validateAddressChange(change(['smtp:new@example.com']))).toEqual([]);
  });
  it('refuses an invalid added value', () => {
    expect(validateAddressChange(change(['smtp:bad@@example.com']))).toEqual([
      { field: 'proxyAddresses[4]', rule: 'smtp.manyAt', message: 'smtp:bad@@example.com: An e-mail address can have only one @.' },
    ]);
  });
  it('refuses an added duplicate of a stored value', () => {
    expect(validateAddressChange(change(['smtp:JOHN.DOE@example.com']))[0]?.rule).toBe('duplicate');
  });
  it('refuses a change that leaves two SMTP primaries', () => {
    expect(validateAddressChange(change(['SMTP:second@example.com']))[0]?.rule).toBe('manyPrimaries');
  });
  it('refuses a change that removes the only SMTP primary and leaves secondaries', () => {
    expect(validateAddressChange(change([], ['SMTP:jdoe@example.com']))[0]?.rule).toBe('noPrimary');
  });
  it('accepts a primary switch (delete smtp:x, add SMTP:x, and the reverse)', () => {
    expect(validateAddressChange(change(['SMTP:john.doe@example.com', 'smtp:jdoe@example.com'], ['smtp:john.doe@example.com', 'SMTP:jdoe@example.com']))).toEqual([]);
  });
  it('deletes case-insensitively, as LDAP does', () => {
    expect(resultingList(['SMTP:a@x.test', 'smtp:b@x.test'], ['SMTP:B@X.TEST'], ['smtp:c@x.test'])).toEqual(['SMTP:a@x.test', 'smtp:c@x.test']);
  });
});
