/**
 * Every request/reply operation the reports service answers, `defineRpc({ subject:
 * 'reports.<aggregate>.<verb>', request, reply })` each: its handler (`@RpcHandler`), its callers
 * (`ServiceClient.request`) and its gateway route (`@RpcRoute`) take their types and schemas from here.
 */
export const ReportsRpc = {};
