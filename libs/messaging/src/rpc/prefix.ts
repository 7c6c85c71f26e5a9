/**
 * The one place a deployment prefix (`NATS_PREFIX`) is applied to NATS names. Test runs and
 * side-by-side installs share one NATS server; prefixing every subject and queue group keeps
 * them from answering each other. An empty prefix (production) leaves names unchanged.
 */
export function prefixSubject(prefix: string, subject: string): string {
  return prefix ? `${prefix}.${subject}` : subject;
}

/** One queue group per service, so replicas of a service share its requests. */
export function queueGroupOf(prefix: string, service: string): string {
  return prefixSubject(prefix, service);
}
