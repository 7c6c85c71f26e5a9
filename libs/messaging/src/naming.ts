import { type ProducingServiceName, streamNameOf } from '@gongkai/contracts';
import { prefixSubject } from './rpc/prefix';

// Stream names carry the same deployment prefix (NATS_PREFIX) as subjects: see rpc/prefix.ts.

export function unprefixSubject(prefix: string, subject: string): string {
  return prefix && subject.startsWith(`${prefix}.`) ? subject.slice(prefix.length + 1) : subject;
}

export function streamName(prefix: string, service: ProducingServiceName): string {
  const base = streamNameOf(service);
  return prefix ? `${prefix.toUpperCase()}_${base}` : base;
}

/** All event subjects a producing service publishes, e.g. `evt.permissions.>`. */
export function streamSubjects(prefix: string, service: ProducingServiceName): string[] {
  return [prefixSubject(prefix, `evt.${service}.>`)];
}
