/** Versions are PostgreSQL integers and a save stores the next one, which must fit too. */
export const MAX_EXPECTED_VERSION = 2_147_483_646;
