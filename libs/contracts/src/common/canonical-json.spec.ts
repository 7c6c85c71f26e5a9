import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves out whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text whatever order the keys come in', () => {
    expect(canonicalJson({ x: 1, y: '二' })).toBe(canonicalJson({ y: '二', x: 1 }));
  });

  it('drops undefined members, writes undefined array items as null and dates as ISO strings', () => {
    expect(canonicalJson({ a: undefined, b: [undefined], c: new Date('2024-06-01T00:00:00Z') })).toBe(
      '{"b":[null],"c":"2024-06-01T00:00:00.000Z"}',
    );
  });

  it('escapes strings as JSON does', () => {
    expect(canonicalJson({ 'k"': 'line\nbreak 信息' })).toBe('{"k\\"":"line\\nbreak 信息"}');
  });

  it('refuses values JSON cannot carry', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
  });
});
