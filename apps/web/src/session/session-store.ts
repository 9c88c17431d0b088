/** The signed-in session as the app holds it: in memory only, never in storage a script could read later. */
export interface Session {
  readonly accessToken: string;
  /** Epoch milliseconds when the access token stops working. */
  readonly expiresAt: number;
  readonly userId: string;
  readonly organizationId: string;
  readonly role: string;
}

/** What the API returns for a session (the refresh token stays in the cookie). */
export interface SessionPayload {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
  readonly userId: string;
  readonly organizationId: string;
  readonly role: string;
}

type Listener = (session: Session | null) => void;

let current: Session | null = null;
const listeners = new Set<Listener>();

export const sessionStore = {
  get(): Session | null {
    return current;
  },
  /** Takes a session payload as the API returns it; `now` is for tests. */
  accept(payload: SessionPayload, now = Date.now()): Session {
    current = {
      accessToken: payload.accessToken,
      expiresAt: now + payload.expiresInSeconds * 1000,
      userId: payload.userId,
      organizationId: payload.organizationId,
      role: payload.role,
    };
    listeners.forEach((listener) => listener(current));
    return current;
  },
  clear(): void {
    current = null;
    listeners.forEach((listener) => listener(null));
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
