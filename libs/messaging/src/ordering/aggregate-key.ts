import { aggregatesOf, type EventDefinition, type EventEnvelope } from '@gongkai/contracts';

/**
 * How the ordering tables name an aggregate: `<service>.<kind>:<id>`, e.g.
 * `permissions.department:0193…`. Versions count per key, so two kinds sharing an id never mix.
 */
export function aggregateKey(kind: string, aggregateId: string): string {
  return `${kind}:${aggregateId}`;
}

/** `permissions.department` for a `permissions.department.merged` event. */
export function aggregateKindOf(eventType: string): string {
  return eventType.slice(0, eventType.lastIndexOf('.'));
}

export function aggregateKindOfDefinition(
  definition: Pick<EventDefinition, 'service' | 'aggregate'>,
): string {
  return `${definition.service}.${definition.aggregate}`;
}

export interface VersionedKey {
  key: string;
  version: number;
}

/** Every aggregate an event changed, as ordering keys with the version the event gave each. */
export function versionedKeysOf(envelope: EventEnvelope): VersionedKey[] {
  const kind = aggregateKindOf(envelope.type);
  return aggregatesOf(envelope).map((ref) => ({
    key: aggregateKey(kind, ref.aggregateId),
    version: ref.aggregateVersion,
  }));
}
