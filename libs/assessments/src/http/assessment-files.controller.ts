import { RequirePermission } from '@app/access';
import {
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { EvidenceService } from '../evidence/evidence.service.js';
import { WorkbookService, type WorkbookImportResult } from '../offline/workbook.service.js';
import { sendDownload } from './file-response.js';
import { requireFileStream } from './raw-body.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Files over plain HTTP, with the same bearer credentials and permissions as GraphQL: evidence
 * uploads and downloads, and the offline workbook. Bodies are the raw file bytes.
 */
@Controller()
export class AssessmentFilesController {
  constructor(
    private readonly evidence: EvidenceService,
    private readonly workbooks: WorkbookService,
  ) {}

  @Post('inbox/assessments/:assessmentId/questions/:questionId/evidence')
  @RequirePermission('assessments:respond')
  async uploadEvidence(
    @Param('assessmentId', ParseUUIDPipe) assessmentId: string,
    @Param('questionId') questionId: string,
    @Query('fileName') fileName: string | undefined,
    @Req() request: Request,
  ) {
    const file = await this.evidence.upload(
      assessmentId,
      questionId,
      fileName ?? '',
      requireFileStream(request),
    );
    return {
      id: file.id,
      questionId: file.questionId,
      fileName: file.fileName,
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
    };
  }

  @Get('inbox/evidence/:id')
  @RequirePermission('assessments:respond')
  async downloadOwnEvidence(
    @Param('id', ParseUUIDPipe) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const { file, content } = await this.evidence.download('vendor', id);
    sendDownload(response, file, content);
  }

  @Get('assessments/evidence/:id')
  @RequirePermission('assessments:read')
  async downloadVendorEvidence(
    @Param('id', ParseUUIDPipe) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const { file, content } = await this.evidence.download('customer', id);
    sendDownload(response, file, content);
  }

  @Get('inbox/assessments/:id/workbook')
  @RequirePermission('assessments:respond')
  async exportWorkbook(
    @Param('id', ParseUUIDPipe) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const content = await this.workbooks.export(id);
    sendDownload(response, { fileName: `assessment-${id}.xlsx`, mediaType: XLSX }, content);
  }

  @Put('inbox/assessments/:id/workbook')
  @HttpCode(200)
  @RequirePermission('assessments:respond')
  importWorkbook(
    @Param('id', ParseUUIDPipe) id: string,
    @Req() request: Request,
  ): Promise<WorkbookImportResult> {
    return this.workbooks.import(id, requireFileStream(request));
  }
}
