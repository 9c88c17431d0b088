import { RequirePermission } from '@app/access';
import { RequestLoaders } from '@app/common';
import { ParseArrayPipe, ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { EvidenceService } from '../evidence/evidence.service.js';
import { AnsweringService } from '../respondent/answering.service.js';
import { InboxService } from '../respondent/inbox.service.js';
import { AnswersContents } from '../shared/answers-contents.service.js';
import { CommentsService } from '../shared/comments.service.js';
import { inboxView } from './assessment-mapping.js';
import {
  AnswerObject,
  CommentObject,
  EventObject,
  ProgressObject,
  QuestionObject,
} from './assessment-parts.objects.js';
import { InboxAssessmentObject, InboxConnection } from './assessment.objects.js';
import { AssessmentPageArgs, QuestionTextArgs } from './assessment.inputs.js';
import { AnswerSaveInput, inputValue } from './answer-value.objects.js';
import { answerView, progressOf, questionViews } from './question-views.js';

const uuid = { type: () => ID };

/** The MSP's side: one inbox across every customer, and answering. */
@Resolver(() => InboxAssessmentObject)
export class InboxResolver {
  constructor(
    private readonly inboxService: InboxService,
    private readonly answering: AnsweringService,
    private readonly comments: CommentsService,
    private readonly evidence: EvidenceService,
    private readonly contents: AnswersContents,
    private readonly loaders: RequestLoaders,
  ) {}

  @Query(() => InboxConnection, {
    description: 'Assessments addressed to your organization by all your customers, by due date.',
  })
  @RequirePermission('assessments:respond')
  async inbox(@Args() args: AssessmentPageArgs): Promise<InboxConnection> {
    const page = await this.inboxService.list(args.first, args.after, args.state);
    return {
      nodes: page.assessments.map(inboxView),
      endCursor: page.assessments.at(-1)?.id ?? null,
      hasNextPage: page.hasNextPage,
    };
  }

  @Query(() => InboxAssessmentObject)
  @RequirePermission('assessments:respond')
  async inboxAssessment(
    @Args('id', uuid, ParseUUIDPipe) id: string,
  ): Promise<InboxAssessmentObject> {
    return inboxView(await this.inboxService.get(id));
  }

  @Mutation(() => InboxAssessmentObject, {
    description:
      'Accepts an assessment invitation for the organization you are signed in to, linking you as the customer’s vendor.',
  })
  @RequirePermission('assessments:respond')
  async acceptAssessmentInvitation(@Args('token') token: string): Promise<InboxAssessmentObject> {
    return inboxView(await this.inboxService.accept(token));
  }

  @Mutation(() => [AnswerObject], {
    description:
      'Saves answers, all or nothing; a stale expectedVersion is refused with CONFLICT and the stored answer.',
  })
  @RequirePermission('assessments:respond')
  async saveAnswers(
    @Args('assessmentId', uuid, ParseUUIDPipe) assessmentId: string,
    @Args(
      'answers',
      { type: () => [AnswerSaveInput] },
      new ParseArrayPipe({ items: AnswerSaveInput, whitelist: true, forbidUnknownValues: true }),
    )
    answers: AnswerSaveInput[],
  ): Promise<AnswerObject[]> {
    const { answers: saved, template } = await this.answering.saveBatch(
      assessmentId,
      answers.map((a) => ({
        questionId: a.questionId,
        expectedVersion: a.expectedVersion,
        notApplicable: a.notApplicable,
        notApplicableReason: a.notApplicableReason ?? null,
        value: inputValue(a, a.questionId),
      })),
    );
    const specs = new Map(
      template.families.flatMap((f) => f.questions).map((q) => [q.id, q.answer]),
    );
    return saved.flatMap((answer) => {
      const spec = specs.get(answer.questionId);
      return spec ? [answerView(spec, answer)] : [];
    });
  }

  @Mutation(() => AnswerObject, { description: 'Assigns a question to a colleague, or to nobody.' })
  @RequirePermission('assessments:respond')
  async assignQuestion(
    @Args('assessmentId', uuid, ParseUUIDPipe) assessmentId: string,
    @Args('questionId', { type: () => ID }) questionId: string,
    @Args('assigneeUserId', { type: () => ID, nullable: true }) assigneeUserId: string | null,
  ): Promise<AnswerObject> {
    await this.answering.assign(assessmentId, questionId, assigneeUserId ?? null);
    const views = questionViews(await this.inboxService.content(assessmentId));
    return views.find((q) => q.id === questionId)?.answer as AnswerObject;
  }

  @Mutation(() => InboxAssessmentObject, {
    description: 'Submits for review; refused, naming them, while required questions are open.',
  })
  @RequirePermission('assessments:respond')
  async submitAssessment(
    @Args('id', uuid, ParseUUIDPipe) id: string,
  ): Promise<InboxAssessmentObject> {
    return inboxView(await this.answering.submit(id));
  }

  @Mutation(() => CommentObject, { description: 'A message to the customer on a question.' })
  @RequirePermission('assessments:respond')
  postRespondentComment(@Args() args: QuestionTextArgs): Promise<CommentObject> {
    return this.comments.post('vendor', args.assessmentId, args.questionId, args.body);
  }

  @Mutation(() => Boolean, { description: 'Takes an evidence file off its answer.' })
  @RequirePermission('assessments:respond')
  async removeEvidence(@Args('id', uuid, ParseUUIDPipe) id: string): Promise<boolean> {
    await this.evidence.remove(id);
    return true;
  }

  @ResolveField(() => [QuestionObject])
  async questions(@Parent() parent: InboxAssessmentObject): Promise<QuestionObject[]> {
    return questionViews(await this.inboxService.content(parent.id));
  }

  @ResolveField(() => ProgressObject)
  async progress(@Parent() parent: InboxAssessmentObject): Promise<ProgressObject> {
    return progressOf(await this.loaders.load('vendor-answers', this.answersOf, parent.id));
  }

  private readonly answersOf = (ids: readonly string[]) => this.contents.load('vendor', ids);

  @ResolveField(() => [EventObject])
  timeline(@Parent() parent: InboxAssessmentObject): Promise<EventObject[]> {
    return this.inboxService.timeline(parent.id);
  }
}
