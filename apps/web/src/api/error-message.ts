import { CombinedGraphQLErrors } from '@apollo/client';

/** The sentence a person should read for a failed request: the API's own words when it gave some. */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error) && error.errors.length > 0) {
    return error.errors.map((e) => e.message).join(' ');
  }
  return 'Cascade could not be reached. Check your connection and try again.';
}
