import { RequirePermission } from '@app/access';
import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { RemediationEvidenceService } from '../remediation/remediation-evidence.service.js';
import { sendDownload } from './file-response.js';
import { requireFileStream } from './raw-body.js';

/** Remediation files over HTTP: the MSP uploads to its item; customers download from findings. */
@Controller()
export class RemediationFilesController {
  constructor(private readonly evidence: RemediationEvidenceService) {}

  @Post('remediation-items/:itemId/evidence')
  @RequirePermission('remediation:manage')
  async upload(
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Query('fileName') fileName: string | undefined,
    @Req() request: Request,
  ) {
    const file = await this.evidence.upload(itemId, fileName ?? '', requireFileStream(request));
    return {
      id: file.id,
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
    };
  }

  @Get('remediation-items/:itemId/evidence/:id')
  @RequirePermission('remediation:read')
  async mspDownload(
    @Param('itemId', ParseUUIDPipe) itemId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.evidence.mspDownload(itemId, id);
    sendDownload(response, file, file.content);
  }

  @Get('findings/:findingId/evidence/:id')
  @RequirePermission('findings:read')
  async customerDownload(
    @Param('findingId', ParseUUIDPipe) findingId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const file = await this.evidence.customerDownload(findingId, id);
    sendDownload(response, file, file.content);
  }
}
