import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('writes a Date exactly as the ISO string an export carries', () => {
    const at = new Date('2026-03-01T10:00:00.123Z');
    expect(canonicalJson({ at })).toBe(canonicalJson({ at: at.toISOString() }));
  });

  it('escapes strings like JSON does, so the output parses back to the same value', () => {
    const value = { name: 'quote " comma , newline \n unicode ü 🔑' };
    expect(JSON.parse(canonicalJson(value))).toEqual(value);
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});
