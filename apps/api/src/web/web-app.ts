import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  Logger,
  NotFoundException,
} from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { setWebAppHeaders } from './web-app-headers.js';

/** Where `npm run build:web` (Vite) writes the app; the API serves it from there. */
export const WEB_APP_DIR = join(process.cwd(), 'dist/web');

/** Vite names built assets by content hash, so a browser may keep them for good. */
const HASHED_ASSET = /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

/**
 * Serves the built web app on the API's port: files as they are, and index.html for any other
 * page a person opens (the app routes in the browser). Returns false when no build is there,
 * so an API-only deployment still starts.
 */
export function serveWebApp(app: NestExpressApplication, dir = WEB_APP_DIR): boolean {
  const indexFile = join(dir, 'index.html');
  if (!existsSync(indexFile)) {
    new Logger('WebApp').warn(`No web app in ${dir}: run npm run build:web to serve it at /`);
    return false;
  }
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (response: Response, path: string) => {
      setWebAppHeaders(response);
      if (HASHED_ASSET.test(path.replaceAll('\\', '/'))) {
        response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });
  app.useGlobalFilters(new WebAppPageFilter(readFileSync(indexFile)));
  return true;
}

/**
 * A page the API has no route for is one of the app's own pages when a browser asks for HTML;
 * everything else keeps Nest's 404. API routes never reach here: they exist.
 */
@Catch(NotFoundException)
export class WebAppPageFilter implements ExceptionFilter {
  constructor(private readonly indexHtml: Buffer) {}

  catch(error: NotFoundException, host: ArgumentsHost): NotFoundException | undefined {
    // Only plain HTTP has pages; anywhere else the error goes on as it came.
    if (host.getType() !== 'http') return error;
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (isPageRequest(request)) {
      setWebAppHeaders(response);
      response.setHeader('Cache-Control', 'no-cache');
      response.status(200).type('html').send(this.indexHtml);
      return undefined;
    }
    response.status(404).json(error.getResponse());
    return undefined;
  }
}

function isPageRequest(request: Request): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !request.path.startsWith('/graphql') &&
    request.accepts(['html', 'json']) === 'html'
  );
}
