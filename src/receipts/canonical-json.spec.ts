import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: null, y: 'x' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[2,{"y":"x","z":null}]},"b":1}',
    );
  });

  it('is the same text whatever order the keys were written in', () => {
    expect(canonicalJson({ total: -450, lines: [], number: 7 })).toBe(
      canonicalJson({ number: 7, lines: [], total: -450 }),
    );
  });

  it('escapes strings as JSON does and leaves out undefined members', () => {
    expect(canonicalJson({ name: 'Café "Zum" \n', gone: undefined })).toBe('{"name":"Café \\"Zum\\" \\n"}');
  });
});
