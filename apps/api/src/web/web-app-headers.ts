import type { Response } from 'express';

/**
 * The web app's policy: its own scripts only (no inline script, no eval), styles from itself plus
 * the inline custom properties Mantine sets at run time, images from itself and blob/data URLs
 * (evidence previews), requests to its own API only, never framed.
 */
export const WEB_APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function setWebAppHeaders(response: Response): void {
  response.setHeader('Content-Security-Policy', WEB_APP_CSP);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('X-Frame-Options', 'DENY');
}
