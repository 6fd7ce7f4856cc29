import fc from 'fast-check';
import { hostileDay } from './hostile-dates';

/** A JSON token sent exactly as written: numbers JSON.stringify cannot produce (`1e309` parses to Infinity). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON.stringify, except that RawJson values go out as their raw token. */
export function toJson(value: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, inner: unknown) => {
    if (!(inner instanceof RawJson)) return inner;
    raws.push(inner.text);
    return `@@raw-json-${raws.length - 1}@@`;
  });
  return text.replace(/"@@raw-json-(\d+)@@"/g, (_match, index: string) => raws[Number(index)]);
}

/** `[[[...1...]]]` or `{"a":{"a":...1...}}`, `levels` deep. */
export function nested(levels: number, kind: 'array' | 'object'): unknown {
  let value: unknown = 1;
  for (let level = 0; level < levels; level++) value = kind === 'array' ? [value] : { a: value };
  return value;
}

const LONG = 10_000;

/** Strings that have broken servers: injection, markup, unicode edge cases, control characters, length. */
const NOTORIOUS_STRINGS = [
  '',
  ' ',
  '  padded  ',
  "'; DROP TABLE orders; --",
  "' OR '1'='1",
  '1 OR 1=1',
  "Robert'); DELETE FROM users; --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '{{7*7}}',
  '${7*7}',
  '../../../etc/passwd',
  '%00',
  '%s%s%s%n',
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  'lone \udfff low surrogate',
  '\u202eRTL override',
  'مرحبا بالعالم',
  'שלום עולם',
  '🍔🍟🍺',
  '👩‍👩‍👧‍👦',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '\r\n\t\u000b\f',
  '\ufeffBOM',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  '__proto__',
  'x'.repeat(LONG),
  '🍔'.repeat(LONG / 2),
  'é'.repeat(LONG),
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NOTORIOUS_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.oneof(loneSurrogate, fc.string({ minLength: 1, maxLength: 1 })) }),
  },
);

export const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      -0,
      -1,
      0.5,
      1.5,
      -2.5,
      0.1 + 0.2,
      99.999,
      2 ** 31,
      -(2 ** 31) - 1,
      2 ** 53,
      2 ** 53 + 2,
      1e20,
      -1e20,
      1e308,
      Number.MIN_VALUE,
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      new RawJson('1e309'),
      new RawJson('-1e309'),
      new RawJson('1e-400'),
      new RawJson('123456789012345678901234567890'),
      new RawJson('-0.0'),
      new RawJson('1E2'),
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

/** Any JSON value a field should not hold: wrong types, null, odd numbers and strings, operators, deep nesting. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 4, arbitrary: hostileNumber },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      [],
      {},
      [null],
      [''],
      ['a', 1, null],
      { $gt: '' },
      { $ne: null },
      { id: 1 },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      nested(20, 'array'),
      nested(20, 'object'),
      nested(40, 'array'),
      nested(40, 'object'),
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** Query string values: everything above that a URL can carry, and numbers and dates written oddly. */
export const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileString },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '0',
      '1.5',
      '-1',
      '1e3',
      '1e309',
      '-Infinity',
      '99999999999999999999',
      '9007199254740993',
      '0x1F',
      ' 1',
      '+1',
      '[]',
      '{}',
      '2026-13-45T25:61:00Z',
      '0000-01-01T00:00:00Z',
      '0001-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '+275760-09-13T00:00:00.000Z',
      '-271821-04-20T00:00:00.000Z',
      '2026-11-22',
      '2026-02-30',
      '20261122',
      '2026-W47',
      '2026-326',
      '2026-11-22T18:03:11,123Z',
      '2026-11-22T18:03:11.123+14:00',
      'yesterday',
    ),
  },
  { weight: 2, arbitrary: hostileDay },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

/** Header values: what an HTTP client can send (no control characters but tab; Latin-1 at most). */
export const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  hostileQueryValue.filter((value) => /^[\t\x20-\x7e\x80-\xff]{0,8000}$/.test(value)),
  fc.constantFrom('W/"1"', '"1"', '*', '1, 2', '"', 'W/', '-0', `"${'9'.repeat(400)}"`, 'a'.repeat(201)),
);

/** Path segments for an id: unknown, malformed, injected, traversing, huge; some with broken %-escapes. */
export const HOSTILE_ID_SEGMENTS: string[] = [
  '00000000-0000-4000-8000-000000000000',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  'zzz',
  '-1',
  '0',
  '1.5',
  'null',
  '1 OR 1=1',
  "1'; DROP TABLE orders; --",
  '<script>alert(1)</script>',
  '../',
  '..',
  '../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '🍔',
  '\u202e',
  ' ',
  'a'.repeat(4_000),
].map(encodeSegment);

/** Segments that are not valid %-encoding at all: the router must not be the one that fails. */
export const MALFORMED_SEGMENTS = ['%', '%zz', '%E0%A4%A', '%C0%AF', '%ED%A0%80'];

/** Percent-encodes one path segment or query value; lone surrogates go out as U+FFFD, as a browser would. */
export function encodeSegment(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}
