import { z } from 'zod';
import { requestSchema } from './request';

const meta = { actor: { kind: 'client', id: 'portal' }, correlationId: 'c-1' };

describe('requestSchema', () => {
  it('builds one schema per body schema and reuses it', () => {
    const body = z.object({ id: z.string() });
    expect(requestSchema(body)).toBe(requestSchema(body));
    expect(requestSchema(body)).not.toBe(requestSchema(z.object({ id: z.string() })));
  });

  it('checks the meta and the body of every request it is reused for', () => {
    const schema = requestSchema(z.object({ name: z.string().min(1) }).strict());
    expect(schema.safeParse({ meta, body: { name: '教务处' } }).success).toBe(true);
    expect(schema.safeParse({ meta, body: { name: '' } }).success).toBe(false);
    expect(schema.safeParse({ meta, body: { name: '教务处', extra: 1 } }).success).toBe(false);
    expect(schema.safeParse({ meta: { correlationId: 'c-2' }, body: { name: '教务处' } }).success).toBe(
      false,
    );
  });
});
