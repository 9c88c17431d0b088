/**
 * The server URL with another login role and the same password, host and database: on a server
 * each purpose (tenant requests, sign-in, fan-out, jobs) logs in as its own role.
 */
export function loginUrl(url: string, role: string): string {
  const parsed = new URL(url);
  parsed.username = role;
  return parsed.toString();
}
