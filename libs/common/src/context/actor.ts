/** Who is doing something: recorded in the audit trail and available to every layer. */
export interface Actor {
  readonly type: 'user' | 'api_key' | 'system';
  readonly id: string;
}

export const SYSTEM_ACTOR: Actor = { type: 'system', id: 'cascade' };
