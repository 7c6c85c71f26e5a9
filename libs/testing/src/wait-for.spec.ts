import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first truthy value', async () => {
    let calls = 0;
    await expect(
      waitFor(() => (++calls >= 3 ? `done after ${calls}` : null), { intervalMs: 1 }),
    ).resolves.toBe('done after 3');
  });

  it('names what it waited for when it gives up', async () => {
    await expect(waitFor(() => false, { timeoutMs: 30, intervalMs: 5, what: 'the moon' })).rejects.toThrow(
      /the moon/,
    );
  });
});
