/** The pools sign-in and scheduled fan-out use: the main pool itself when embedded. */
export const IDENTITY_DATA_SOURCE = Symbol('IDENTITY_DATA_SOURCE');
export const PLATFORM_DATA_SOURCE = Symbol('PLATFORM_DATA_SOURCE');
