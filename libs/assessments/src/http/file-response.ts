import type { Response } from 'express';

/**
 * Sends a stored file as a download that a browser will never render in Cascade's origin: an
 * attachment, its detected type, no sniffing, and a sandbox in case it is opened anyway.
 */
export function sendDownload(
  response: Response,
  file: { fileName: string; mediaType: string },
  content: Buffer,
): void {
  const ascii = file.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  response
    .status(200)
    .set({
      'Content-Type': file.mediaType,
      'Content-Length': String(content.length),
      'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, no-store',
    })
    .end(content);
}
