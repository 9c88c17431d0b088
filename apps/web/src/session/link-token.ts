/**
 * Mailed links carry their token after `#token=`, so it never reaches a server log. The page takes
 * it once and wipes it from the address bar and history, so it is not left behind on a shared
 * computer. `stash` keeps it for this tab only, for a flow that must sign in first.
 */
export function takeLinkToken(stash?: string): string | null {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (token) {
    window.history.replaceState(window.history.state, '', window.location.pathname);
    if (stash) sessionStorage.setItem(stash, token);
    return token;
  }
  return stash ? sessionStorage.getItem(stash) : null;
}

export function forgetLinkToken(stash: string): void {
  sessionStorage.removeItem(stash);
}
