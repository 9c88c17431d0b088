import { PageInfoObject } from '@app/common';
import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType('AuditEvent', {
  description: 'One entry of the organization’s tamper-evident audit trail.',
})
export class AuditEventObject {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Position in the organization’s chain, from 1.' })
  seq!: string;

  @Field()
  occurredAt!: Date;

  @Field({ description: 'user, api_key or system.' })
  actorType!: string;

  @Field()
  actorId!: string;

  @Field({ description: 'What happened, e.g. tenant.created.' })
  action!: string;

  @Field()
  objectType!: string;

  @Field(() => String, { nullable: true })
  objectId!: string | null;

  @Field({ description: 'A summary of the change, as JSON text.' })
  summary!: string;

  @Field(() => String, { nullable: true })
  correlationId!: string | null;

  @Field({ description: 'SHA-256 linking this event to the previous one.' })
  hash!: string;
}

@ObjectType('AuditEventEdge')
export class AuditEventEdge {
  @Field()
  cursor!: string;

  @Field(() => AuditEventObject)
  node!: AuditEventObject;
}

@ObjectType('AuditEventConnection')
export class AuditEventConnection {
  @Field(() => [AuditEventEdge])
  edges!: AuditEventEdge[];

  @Field(() => PageInfoObject)
  pageInfo!: PageInfoObject;
}

@ObjectType('AuditVerification')
export class AuditVerificationObject {
  @Field()
  valid!: boolean;

  @Field()
  eventsChecked!: number;

  @Field(() => String, {
    nullable: true,
    description: 'The first event at which the chain breaks.',
  })
  firstBrokenSeq!: string | null;

  @Field(() => String, { nullable: true })
  problem!: string | null;
}
