/** Claims of a Cascade access token. `tid` names the one organization the token acts in. */
export interface AccessTokenClaims {
  readonly sub: string;
  readonly tid: string;
  /** The user's session version when issued; a password change ends older tokens. */
  readonly sv: number;
  /** Token purpose, so a token minted for something else is never accepted as access. */
  readonly typ: 'access';
  /** Issued at and expires at (seconds), set by the signer; both required when verifying. */
  readonly iat?: number;
  readonly exp?: number;
}

export const TOKEN_ISSUER = 'cascade';
export const TOKEN_AUDIENCE = 'cascade-api';
export const TOKEN_ALGORITHM = 'HS256';
