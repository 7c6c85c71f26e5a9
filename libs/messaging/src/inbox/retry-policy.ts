export type FailureDecision = { kind: 'retry'; delayMs: number } | { kind: 'dead-letter' };

export interface RetryPolicy {
  /** Deliveries in total before an event is parked as a dead letter. */
  maxDeliver: number;
  /** Delay before delivery n+1 after failed delivery n; the last step repeats. */
  backoffMs: number[];
}

export function decideAfterFailure(
  policy: RetryPolicy,
  failure: { deliveryCount: number; poison: boolean },
): FailureDecision {
  if (failure.poison || failure.deliveryCount >= policy.maxDeliver) return { kind: 'dead-letter' };
  const step = Math.min(failure.deliveryCount - 1, policy.backoffMs.length - 1);
  return { kind: 'retry', delayMs: policy.backoffMs[Math.max(step, 0)] ?? 0 };
}
