import { RequirePermission } from '@app/access';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AuditTrailService } from '../audit-trail.service.js';
import { AuditVerifierService } from '../audit-verifier.service.js';
import type { AuditEventEntity } from '../entities/audit-event.entity.js';
import {
  AuditEventConnection,
  AuditEventObject,
  AuditVerificationObject,
} from './audit-event.object.js';
import { AuditEventsArgs } from './inputs/audit-events.args.js';

function toObject(event: AuditEventEntity): AuditEventObject {
  return { ...event, summary: JSON.stringify(event.summary) };
}

@Resolver(() => AuditEventObject)
export class AuditResolver {
  constructor(
    private readonly trail: AuditTrailService,
    private readonly verifier: AuditVerifierService,
  ) {}

  @Query(() => AuditEventConnection, {
    description: 'The organization’s audit trail, newest first.',
  })
  @RequirePermission('audit:read')
  async auditEvents(@Args() args: AuditEventsArgs): Promise<AuditEventConnection> {
    const page = await this.trail.list(args.first, args.after);
    const edges = page.events.map((event) => ({ cursor: event.seq, node: toObject(event) }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Query(() => AuditVerificationObject, {
    description: 'Re-checks the whole hash chain and reports the first event that breaks it.',
  })
  @RequirePermission('audit:read')
  verifyAuditTrail(): Promise<AuditVerificationObject> {
    return this.verifier.verify();
  }
}
