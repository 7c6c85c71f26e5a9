/** Injection token for the service's DataServiceConfig, parsed once at boot. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
