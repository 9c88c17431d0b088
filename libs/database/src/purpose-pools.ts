/** The pools sign-in, scheduled fan-out and rate limits use: the main pool itself when embedded. */
export const IDENTITY_DATA_SOURCE = Symbol('IDENTITY_DATA_SOURCE');
export const PLATFORM_DATA_SOURCE = Symbol('PLATFORM_DATA_SOURCE');
export const LIMITER_DATA_SOURCE = Symbol('LIMITER_DATA_SOURCE');
