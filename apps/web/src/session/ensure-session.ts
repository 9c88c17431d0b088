import { renewSession } from './browser-session';
import { sessionStore } from './session-store';

/** Signed in already, or can be through the refresh cookie (a reload, a new tab). */
export async function ensureSession(): Promise<boolean> {
  if (sessionStore.get()) return true;
  return (await renewSession()) !== null;
}
