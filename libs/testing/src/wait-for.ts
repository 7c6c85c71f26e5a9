/** Polls until `probe` returns a truthy value; fails with the last value after `timeoutMs`. */
export async function waitFor<T>(
  probe: () => Promise<T> | T,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<Exclude<T, null | undefined | false | 0 | ''>> {
  const deadline = Date.now() + (options.timeoutMs ?? 15000);
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await probe();
      if (last) return last as Exclude<T, null | undefined | false | 0 | ''>;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 50));
  }
  throw new Error(
    `Timed out waiting for ${options.what ?? 'condition'}; last value ${JSON.stringify(last)}${
      lastError ? `, last error ${String(lastError)}` : ''
    }`,
  );
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
