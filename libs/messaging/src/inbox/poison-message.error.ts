/** A message that can never be applied as it is (not JSON, bad envelope, bad payload): no retries. */
export class PoisonMessageError extends Error {
  constructor(
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'PoisonMessageError';
  }
}
