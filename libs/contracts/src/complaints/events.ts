/**
 * Every event the complaints service emits, `defineEvent({ service: 'complaints', aggregate, event,
 * version, payload, aggregateId })` each, published on stream COMPLAINTS as
 * `evt.complaints.<aggregate>.<event>.v<major>` (ALL_EVENTS in common/event-registry.ts lists them).
 */
export const ComplaintsEvents = {} as const;
