import type { Readable } from 'node:stream';
import { InvalidInputError } from '@app/common';
import type { Request } from 'express';

const FILE_BODY_REQUIRED =
  'Send the file as the request body with Content-Type: application/octet-stream.';

/**
 * The upload routes (evidence, offline workbooks) read the body as a stream, after the target
 * was checked: no body parser buffers it first (see create-api-app). Only the headers are
 * looked at here.
 */
export function requireFileStream(request: Request): Readable {
  const declared = request.headers['content-length'];
  if (
    request.headers['content-type'] !== 'application/octet-stream' ||
    declared === '0' ||
    request.readableEnded
  ) {
    throw new InvalidInputError('FILE_BODY_REQUIRED', FILE_BODY_REQUIRED);
  }
  return request;
}
