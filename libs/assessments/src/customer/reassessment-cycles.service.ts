import { AuditTrailService } from '@app/audit';
import { InvalidInputError, RequestContext } from '@app/common';
import { TenantDatabase } from '@app/database';
import { Injectable } from '@nestjs/common';
import { ReassessmentCycleEntity } from '../entities/reassessment-cycle.entity.js';
import type { Tier } from '../scope/tier-scope.js';

/** Months between assessments by tier when a customer has not chosen: riskier, more often. */
export const DEFAULT_CYCLE_MONTHS: Readonly<Record<Tier, number | null>> = {
  1: 6,
  2: 12,
  3: 24,
  4: null,
};

export interface ReassessmentCycle {
  readonly tier: Tier;
  /** Null: not reassessed automatically. */
  readonly months: number | null;
  readonly isDefault: boolean;
}

/** Each customer's reassessment cycle per tier. */
@Injectable()
export class ReassessmentCycles {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: RequestContext,
    private readonly audit: AuditTrailService,
  ) {}

  list(): Promise<ReassessmentCycle[]> {
    return this.db.transaction(async (manager) => {
      const rows = await manager.findBy(ReassessmentCycleEntity, {
        tenantId: this.context.tenantId,
      });
      return ([1, 2, 3, 4] as const).map((tier) => {
        const row = rows.find((r) => r.tier === tier);
        return row
          ? { tier, months: row.months, isDefault: false }
          : { tier, months: DEFAULT_CYCLE_MONTHS[tier], isDefault: true };
      });
    });
  }

  async monthsFor(tier: Tier): Promise<number | null> {
    return (await this.list()).find((c) => c.tier === tier)?.months ?? null;
  }

  async set(tier: number, months: number | null): Promise<ReassessmentCycle[]> {
    if (!isTier(tier)) throw new InvalidInputError('TIER_INVALID', 'A tier is 1, 2, 3 or 4.');
    if (months !== null && (!Number.isInteger(months) || months < 1 || months > 60)) {
      throw new InvalidInputError('CYCLE_INVALID', 'A cycle is 1 to 60 months, or none.');
    }
    await this.db.transaction(async (manager) => {
      await manager.upsert(
        ReassessmentCycleEntity,
        { tenantId: this.context.tenantId, tier, months },
        ['tenantId', 'tier'],
      );
      await this.audit.record({
        action: 'reassessment_cycle.set',
        objectType: 'reassessment_cycle',
        objectId: null,
        summary: { tier, months },
      });
    });
    return this.list();
  }
}

function isTier(value: number): value is Tier {
  return value === 1 || value === 2 || value === 3 || value === 4;
}
