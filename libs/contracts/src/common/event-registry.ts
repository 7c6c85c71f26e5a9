import type { EventDefinition } from './event-definition';
import { PermissionsEvents } from '../permissions/events';
import { CatalogueEvents } from '../catalogue/events';
import { RoundsEvents } from '../rounds/events';
import { ComplaintsEvents } from '../complaints/events';

/** Every event the system knows, for validation on consume and for replay tooling. */
export const ALL_EVENTS: readonly EventDefinition[] = [
  ...Object.values(PermissionsEvents),
  ...Object.values(CatalogueEvents),
  ...Object.values(RoundsEvents),
  ...Object.values(ComplaintsEvents),
];

export function findEventDefinition(type: string, version: number): EventDefinition | undefined {
  return ALL_EVENTS.find((definition) => definition.type === type && definition.version === version);
}
