import { graphql } from '../gql';

/** What the app keeps of every session a mutation opens (the refresh token is the cookie). */
export const SessionFieldsFragment = graphql(`
  fragment SessionFields on AuthSession {
    accessToken
    expiresInSeconds
    userId
    organizationId
    role
  }
`);
