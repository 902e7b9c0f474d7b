// The one source of "now" for services: the real clock in production, a settable one in tests.
export interface Clock { now(): Date }

export const systemClock: Clock = { now: () => new Date() }
