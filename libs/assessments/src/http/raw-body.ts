import { InvalidInputError } from '@app/common';

/** The upload routes take the file itself as the body (`application/octet-stream`). */
export function requireFileBody(body: unknown): Buffer {
  if (!Buffer.isBuffer(body) || body.length === 0) {
    throw new InvalidInputError(
      'FILE_BODY_REQUIRED',
      'Send the file as the request body with Content-Type: application/octet-stream.',
    );
  }
  return body;
}
