import type { EventDefinition } from './event-definition';
import { DepartmentCreatedV1 } from '../permissions/departments';

/** Every event the system knows, for validation on consume and for replay tooling. */
export const ALL_EVENTS: readonly EventDefinition[] = [DepartmentCreatedV1];

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return ALL_EVENTS.find((definition) => definition.type === type && definition.version === version);
}
