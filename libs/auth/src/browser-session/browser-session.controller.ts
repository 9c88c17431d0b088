import { APP_CONFIG, type AppConfig } from '@app/config';
import { UnauthenticatedError } from '@app/common';
import { Controller, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../public.decorator.js';
import { SessionService } from '../session.service.js';
import {
  BROWSER_SESSION_HEADER,
  BROWSER_SESSION_VALUE,
  expiredRefreshCookie,
  wantsCookieSession,
  isSecureContext,
  readRefreshCookie,
  refreshCookie,
  setRefreshCookie,
} from './refresh-cookie.js';

/** What a browser gets back: everything in a session except the refresh token, which is the cookie. */
export interface BrowserSession {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
  readonly userId: string;
  readonly organizationId: string;
  readonly role: string;
}

/**
 * The web app's side door to sessions. GraphQL mutations that open a session hand a browser its
 * refresh token as a cookie (see the refresh-cookie plugin); these two routes spend and end it.
 */
@Public()
@Controller('auth')
export class BrowserSessionController {
  constructor(
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('refresh')
  @HttpCode(200)
  async refresh(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<BrowserSession> {
    requireBrowserHeader(request);
    const token = readRefreshCookie(request);
    if (!token) throw signedOut();
    const secure = isSecureContext(request);
    try {
      const session = await this.sessions.refresh(token);
      const ttl = this.config.auth.refreshTokenTtlSeconds;
      setRefreshCookie(response, refreshCookie(session.refreshToken, ttl, secure));
      return {
        accessToken: session.accessToken,
        expiresInSeconds: session.expiresInSeconds,
        userId: session.userId,
        organizationId: session.tenantId,
        role: session.role,
      };
    } catch (error) {
      // A spent or revoked cookie is useless: drop it so the browser stops sending it.
      setRefreshCookie(response, expiredRefreshCookie(secure));
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  async logout(
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    requireBrowserHeader(request);
    const token = readRefreshCookie(request);
    if (token) await this.sessions.logout(token);
    setRefreshCookie(response, expiredRefreshCookie(isSecureContext(request)));
  }
}

function requireBrowserHeader(request: Request): void {
  if (!wantsCookieSession(request)) {
    throw new UnauthenticatedError(
      'BROWSER_HEADER_MISSING',
      `Send the header ${BROWSER_SESSION_HEADER}: ${BROWSER_SESSION_VALUE}.`,
    );
  }
}

function signedOut(): UnauthenticatedError {
  return new UnauthenticatedError('SIGNED_OUT', 'Sign in again.');
}
