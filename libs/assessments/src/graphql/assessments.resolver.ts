import { RequirePermission } from '@app/access';
import { RequestLoaders } from '@app/common';
import { ParseUUIDPipe } from '@nestjs/common';
import { AnswersContents } from '../shared/answers-contents.service.js';
import {
  Args,
  Float,
  ID,
  Int,
  Mutation,
  Parent,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import { AssessmentsService } from '../customer/assessments.service.js';
import { ReassessmentCycles } from '../customer/reassessment-cycles.service.js';
import { type ReviewDecision, ReviewService } from '../customer/review.service.js';
import { CommentsService } from '../shared/comments.service.js';
import { ReviewDecisionEnum } from './assessment-enums.js';
import { customerView } from './assessment-mapping.js';
import {
  AnswerObject,
  CommentObject,
  EventObject,
  InvitationObject,
  NoteObject,
  ProgressObject,
  QuestionObject,
} from './assessment-parts.objects.js';
import {
  AssessmentConnection,
  AssessmentObject,
  ReassessmentCycleObject,
} from './assessment.objects.js';
import {
  AssessmentsArgs,
  CreateAssessmentInput,
  QuestionTextArgs,
  SendAssessmentArgs,
} from './assessment.inputs.js';
import { progressOf, questionViews } from './question-views.js';

const uuid = { type: () => ID };

/** The customer's side: assessments it sends, and their review. */
@Resolver(() => AssessmentObject)
export class AssessmentsResolver {
  constructor(
    private readonly assessmentService: AssessmentsService,
    private readonly review: ReviewService,
    private readonly cycles: ReassessmentCycles,
    private readonly comments: CommentsService,
    private readonly contents: AnswersContents,
    private readonly loaders: RequestLoaders,
  ) {}

  @Query(() => AssessmentConnection, { description: 'Assessments you sent, newest first.' })
  @RequirePermission('assessments:read')
  async assessments(@Args() args: AssessmentsArgs): Promise<AssessmentConnection> {
    const page = await this.assessmentService.list(args.first, args.after, {
      state: args.state,
      vendorId: args.vendorId,
    });
    return {
      nodes: page.assessments.map(customerView),
      endCursor: page.assessments.at(-1)?.id ?? null,
      hasNextPage: page.hasNextPage,
    };
  }

  @Query(() => AssessmentObject)
  @RequirePermission('assessments:read')
  async assessment(@Args('id', uuid, ParseUUIDPipe) id: string): Promise<AssessmentObject> {
    return customerView(await this.assessmentService.get(id));
  }

  @Query(() => [ReassessmentCycleObject], { description: 'How often each tier is reassessed.' })
  @RequirePermission('assessments:read')
  reassessmentCycles(): Promise<ReassessmentCycleObject[]> {
    return this.cycles.list();
  }

  @Mutation(() => AssessmentObject, {
    description: 'A draft for a vendor from a published template, scoped to the vendor’s tier.',
  })
  @RequirePermission('assessments:manage')
  async createAssessment(@Args('input') input: CreateAssessmentInput): Promise<AssessmentObject> {
    const created = await this.assessmentService.create({
      vendorId: input.vendorId,
      template: { key: input.templateKey, version: input.templateVersion, builtIn: input.builtIn },
      dueOn: input.dueOn,
      title: input.title ?? undefined,
    });
    return customerView(created);
  }

  @Mutation(() => AssessmentObject, { description: 'Sends a draft; invites each respondent.' })
  @RequirePermission('assessments:manage')
  async sendAssessment(@Args() args: SendAssessmentArgs): Promise<AssessmentObject> {
    return customerView(await this.assessmentService.send(args.id, args.respondentEmails));
  }

  @Mutation(() => AssessmentObject)
  @RequirePermission('assessments:manage')
  async cancelAssessment(
    @Args('id', uuid, ParseUUIDPipe) id: string,
    @Args('reason') reason: string,
  ): Promise<AssessmentObject> {
    return customerView(await this.assessmentService.cancel(id, reason));
  }

  @Mutation(() => [ReassessmentCycleObject], {
    description: 'Months between assessments for a tier (1 to 60), or null for none.',
  })
  @RequirePermission('assessments:manage')
  setReassessmentCycle(
    @Args('tier', { type: () => Int }) tier: number,
    @Args('months', { type: () => Int, nullable: true }) months: number | null,
  ): Promise<ReassessmentCycleObject[]> {
    return this.cycles.set(tier, months ?? null);
  }

  @Mutation(() => AnswerObject, {
    description:
      'Accepts or flags an answer (a flag needs a comment saying what to fix). Accepting a not-applicable answer accepts the claim; flagging rejects it. A review-scored answer (text, evidence) is graded with one of its question’s grades when accepted.',
  })
  @RequirePermission('assessments:review')
  async reviewAnswer(
    @Args('assessmentId', uuid, ParseUUIDPipe) assessmentId: string,
    @Args('questionId', { type: () => ID }) questionId: string,
    @Args('decision', { type: () => ReviewDecisionEnum }) decision: ReviewDecision,
    @Args('comment', { type: () => String, nullable: true }) comment: string | null,
    @Args('grade', {
      type: () => Float,
      nullable: true,
      description: 'With ACCEPTED on a review-scored question: one of the question’s grades.',
    })
    grade: number | null,
  ): Promise<AnswerObject> {
    await this.review.review(assessmentId, questionId, decision, comment ?? null, grade ?? null);
    const content = await this.assessmentService.content(assessmentId);
    return questionViews(content).find((q) => q.id === questionId)?.answer as AnswerObject;
  }

  @Mutation(() => AssessmentObject, { description: 'Sends the assessment back with the flags.' })
  @RequirePermission('assessments:review')
  async requestAssessmentChanges(
    @Args('id', uuid, ParseUUIDPipe) id: string,
    @Args('message', { type: () => String, nullable: true }) message: string | null,
  ): Promise<AssessmentObject> {
    return customerView(await this.review.requestChanges(id, message ?? null));
  }

  @Mutation(() => AssessmentObject)
  @RequirePermission('assessments:review')
  async completeAssessment(@Args('id', uuid, ParseUUIDPipe) id: string): Promise<AssessmentObject> {
    return customerView(await this.review.complete(id));
  }

  @Mutation(() => NoteObject, { description: 'An internal note the vendor never sees.' })
  @RequirePermission('assessments:review')
  addAssessmentNote(
    @Args('assessmentId', uuid, ParseUUIDPipe) assessmentId: string,
    @Args('questionId', { type: () => ID, nullable: true }) questionId: string | null,
    @Args('body') body: string,
  ): Promise<NoteObject> {
    return this.review.addNote(assessmentId, questionId ?? null, body);
  }

  @Mutation(() => CommentObject, { description: 'A message to the vendor on a question.' })
  @RequirePermission('assessments:review')
  postReviewComment(@Args() args: QuestionTextArgs): Promise<CommentObject> {
    return this.comments.post('customer', args.assessmentId, args.questionId, args.body);
  }

  @ResolveField(() => [QuestionObject])
  async questions(@Parent() parent: AssessmentObject): Promise<QuestionObject[]> {
    return questionViews(await this.assessmentService.content(parent.id));
  }

  @ResolveField(() => ProgressObject)
  async progress(@Parent() parent: AssessmentObject): Promise<ProgressObject> {
    return progressOf(await this.loaders.load('customer-answers', this.answersOf, parent.id));
  }

  private readonly answersOf = (ids: readonly string[]) => this.contents.load('customer', ids);

  @ResolveField(() => [InvitationObject])
  invitations(@Parent() parent: AssessmentObject): Promise<InvitationObject[]> {
    return this.assessmentService.invitations(parent.id);
  }

  @ResolveField(() => [EventObject])
  timeline(@Parent() parent: AssessmentObject): Promise<EventObject[]> {
    return this.assessmentService.timeline(parent.id);
  }

  @ResolveField(() => [NoteObject])
  notes(@Parent() parent: AssessmentObject): Promise<NoteObject[]> {
    return this.review.notes(parent.id);
  }
}
