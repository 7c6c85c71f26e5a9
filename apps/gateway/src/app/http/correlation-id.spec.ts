import { correlationIdOf } from './correlation-id';

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('correlationIdOf', () => {
  it('keeps a sane caller token', () => {
    expect(correlationIdOf({ headers: { 'x-correlation-id': 'Portal-1.a_b-c' } })).toBe('Portal-1.a_b-c');
    expect(correlationIdOf({ headers: { 'x-correlation-id': 'a'.repeat(128) } })).toBe('a'.repeat(128));
  });

  it.each([['with space'], ['a'.repeat(129)], [''], ['inject\nline'], ['ünïcode']])(
    'replaces %j with a UUIDv7',
    (offered) => {
      expect(correlationIdOf({ headers: { 'x-correlation-id': offered } })).toMatch(UUID_V7);
    },
  );

  it('generates a UUIDv7 when the header is missing or repeated', () => {
    expect(correlationIdOf({ headers: {} })).toMatch(UUID_V7);
    expect(correlationIdOf({ headers: { 'x-correlation-id': ['a', 'b'] as unknown as string } })).toMatch(
      UUID_V7,
    );
  });
});
