import { Module } from '@nestjs/common';
import { AssessmentsModule } from './assessments.module.js';
import { AssessmentsResolver } from './graphql/assessments.resolver.js';
import { ContractCheckResolver } from './graphql/contract-check.resolver.js';
import { FindingsResolver } from './graphql/findings.resolver.js';
import { InboxResolver } from './graphql/inbox.resolver.js';
import {
  MspWorkspaceResolver,
  RemediationItemFieldsResolver,
  VendorFindingFieldsResolver,
} from './graphql/msp-workspace.resolver.js';
import { LibraryResolver } from './graphql/library.resolver.js';
import { CustomerScoresResolver, InboxScoresResolver } from './graphql/scores.resolver.js';
import { StorageResolver } from './graphql/storage.resolver.js';
import { AssessmentFilesController } from './http/assessment-files.controller.js';
import { RemediationFilesController } from './http/remediation-files.controller.js';

/** The API surface of assessments: GraphQL for both sides, plain HTTP for files. */
@Module({
  imports: [AssessmentsModule],
  providers: [
    AssessmentsResolver,
    InboxResolver,
    ContractCheckResolver,
    CustomerScoresResolver,
    InboxScoresResolver,
    FindingsResolver,
    MspWorkspaceResolver,
    RemediationItemFieldsResolver,
    VendorFindingFieldsResolver,
    LibraryResolver,
    StorageResolver,
  ],
  controllers: [AssessmentFilesController, RemediationFilesController],
})
export class AssessmentsGraphqlModule {}
