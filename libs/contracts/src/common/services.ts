export const SERVICE_NAMES = [
  'gateway',
  'catalogue',
  'rounds',
  'permissions',
  'complaints',
  'reports',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** Services that own a database. */
export const DATA_SERVICES = ['catalogue', 'rounds', 'permissions', 'complaints', 'reports'] as const;
export type DataServiceName = (typeof DATA_SERVICES)[number];

/** Services that produce domain events, each into its own JetStream stream. */
export const PRODUCING_SERVICES = ['catalogue', 'rounds', 'permissions', 'complaints'] as const;
export type ProducingServiceName = (typeof PRODUCING_SERVICES)[number];

export function streamNameOf(service: ProducingServiceName): string {
  return service.toUpperCase();
}
