import type { AnswerValue } from '@app/catalog';
import { RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { VendorContractEntity, VendorEntity, VendorNotFoundError } from '@app/vendors';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AnswerEntity } from '../entities/answer.entity.js';
import { AssessmentEntity } from '../entities/assessment.entity.js';
import { type ClauseContradiction, clauseContradictions } from './clause-contradictions.js';

export interface ContractContradiction extends ClauseContradiction {
  readonly contractId: string;
  readonly contractTitle: string;
}

export interface ContractCheck {
  /** The latest submitted answers the contracts were compared with; null if none yet. */
  readonly assessmentId: string | null;
  readonly contradictions: ContractContradiction[];
}

const ANSWERED_STATES = ['submitted', 'in_review', 'changes_requested', 'completed'] as const;

/** A vendor's contracts held against what the vendor itself answered most recently. */
@Injectable()
export class ContractCheckService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
  ) {}

  forVendor(vendorId: string): Promise<ContractCheck> {
    return this.db.transaction(async (manager) => {
      const tenantId = this.context.tenantId;
      if (!(await manager.existsBy(VendorEntity, { tenantId, id: vendorId }))) {
        throw new VendorNotFoundError();
      }
      const latest = await manager.findOne(AssessmentEntity, {
        where: { tenantId, vendorId, state: In([...ANSWERED_STATES]) },
        order: { submittedAt: 'DESC', id: 'DESC' },
      });
      if (!latest) return { assessmentId: null, contradictions: [] };
      const rows = await manager.findBy(AnswerEntity, { tenantId, assessmentId: latest.id });
      const answers: Record<string, AnswerValue> = Object.fromEntries(
        rows.filter((a) => a.value !== null).map((a) => [a.questionId, a.value]),
      );
      const contracts = await manager.find(VendorContractEntity, {
        where: { tenantId, vendorId },
        order: { startsOn: 'ASC' },
      });
      return {
        assessmentId: latest.id,
        contradictions: contracts.flatMap((contract) =>
          clauseContradictions(contract.clauses, answers).map((c) => ({
            ...c,
            contractId: contract.id,
            contractTitle: contract.title,
          })),
        ),
      };
    });
  }
}
