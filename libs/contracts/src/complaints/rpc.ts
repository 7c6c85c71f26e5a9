/**
 * Every request/reply operation the complaints service answers, `defineRpc({ subject:
 * 'complaints.<aggregate>.<verb>', request, reply })` each: its handler (`@RpcHandler`), its callers
 * (`ServiceClient.request`) and its gateway route (`@RpcRoute`) take their types and schemas from here.
 */
export const ComplaintsRpc = {};
