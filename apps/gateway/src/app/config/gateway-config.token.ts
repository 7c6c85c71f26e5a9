/** Injection token for the GatewayConfig parsed once at boot (loadGatewayConfig). */
export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
