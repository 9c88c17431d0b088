import { RequirePermission } from '@app/access';
import { Clock } from '@app/common';
import { ParseArrayPipe, ParseUUIDPipe } from '@nestjs/common';
import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { LibraryAnswerEntity } from '../entities/library-answer.entity.js';
import type { LibraryGrantEntity } from '../entities/library-grant.entity.js';
import { grantStatus, LibraryGrantsService } from '../library/library-grants.service.js';
import { type LibraryPrefill, LibraryPrefillService } from '../library/library-prefill.service.js';
import { controlKeys, isStale, LibraryService } from '../library/library.service.js';
import { InboxService } from '../respondent/inbox.service.js';
import { inputValue, valueObject } from './answer-value.objects.js';
import { AnswerObject } from './assessment-parts.objects.js';
import {
  LibraryAnswerConnection,
  LibraryAnswerInput,
  LibraryAnswerObject,
  LibraryAnswersArgs,
  LibraryGrantObject,
  LibraryPrefillObject,
  LibraryUseConnection,
  PrefillChoiceInput,
} from './library.objects.js';
import { PageArgs } from './page.args.js';
import { answerView } from './question-views.js';

const uuid = { type: () => ID };

/**
 * The MSP's answer library: entries, grants to customers, and prefilling an assessment in the
 * inbox from it. Everything here is the MSP's own data; customers see only applied answers.
 */
@Resolver(() => LibraryAnswerObject)
export class LibraryResolver {
  constructor(
    private readonly libraryService: LibraryService,
    private readonly grantsService: LibraryGrantsService,
    private readonly prefillService: LibraryPrefillService,
    private readonly inboxService: InboxService,
    private readonly clock: Clock,
  ) {}

  @Query(() => LibraryAnswerConnection, {
    description: 'Your answer library by question id; `stale` filters on freshness.',
  })
  @RequirePermission('library:use')
  async libraryAnswers(@Args() args: LibraryAnswersArgs): Promise<LibraryAnswerConnection> {
    const page = await this.libraryService.list(args.first, args.after, args.stale);
    const now = this.clock.now();
    const edges = page.answers.map((a) => ({ cursor: a.questionId, node: libraryView(a, now) }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  @Query(() => [LibraryGrantObject], {
    description: 'The grants you have given customers, newest first.',
  })
  @RequirePermission('library:use')
  async libraryGrants(): Promise<LibraryGrantObject[]> {
    const now = this.clock.now();
    return (await this.grantsService.list()).map((g) => grantView(g, now));
  }

  @Query(() => LibraryUseConnection, {
    description: 'The log of one grant: every library answer it let fill a question, newest first.',
  })
  @RequirePermission('library:use')
  async libraryUses(
    @Args('grantId', uuid, ParseUUIDPipe) grantId: string,
    @Args() page: PageArgs,
  ): Promise<LibraryUseConnection> {
    const { uses, hasNextPage } = await this.grantsService.uses(grantId, page.first, page.after);
    return { nodes: uses, endCursor: uses.at(-1)?.id ?? null, hasNextPage };
  }

  @Query(() => LibraryPrefillObject, {
    description:
      'What your library could answer in an assessment in your inbox: only with an active grant for its customer, only for unanswered questions.',
  })
  @RequirePermission('library:use')
  async libraryPrefill(
    @Args('assessmentId', uuid, ParseUUIDPipe) assessmentId: string,
  ): Promise<LibraryPrefillObject> {
    return prefillView(await this.prefillService.suggestions(assessmentId));
  }

  @Mutation(() => LibraryAnswerObject, {
    description: 'Keeps an answer to a catalog question in your library, confirmed now.',
  })
  @RequirePermission('library:use')
  async saveLibraryAnswer(
    @Args('input', { type: () => LibraryAnswerInput }) input: LibraryAnswerInput,
  ): Promise<LibraryAnswerObject> {
    const saved = await this.libraryService.saveFromTemplate(
      { key: input.templateKey, version: input.templateVersion, builtIn: input.builtIn },
      input.questionId,
      { value: inputValue(input, input.questionId), notApplicable: input.notApplicable },
      input.note ?? null,
      { freshnessDays: input.freshnessDays },
    );
    return libraryView(saved, this.clock.now());
  }

  @Mutation(() => LibraryAnswerObject, {
    description:
      'Copies an answer (with its evidence) from an assessment in your inbox to your library.',
  })
  @RequirePermission('library:use')
  async saveAnswerToLibrary(
    @Args('assessmentId', uuid, ParseUUIDPipe) assessmentId: string,
    @Args('questionId', uuid) questionId: string,
    @Args('note', { type: () => String, nullable: true }) note: string | null,
    @Args('freshnessDays', { type: () => Int, nullable: true }) freshnessDays: number | null,
  ): Promise<LibraryAnswerObject> {
    const saved = await this.libraryService.saveFromAssessment(
      assessmentId,
      questionId,
      note ?? null,
      {
        freshnessDays: freshnessDays ?? undefined,
      },
    );
    return libraryView(saved, this.clock.now());
  }

  @Mutation(() => LibraryAnswerObject, {
    description: 'Confirms a library answer still holds: fresh for another period from now.',
  })
  @RequirePermission('library:use')
  async confirmLibraryAnswer(
    @Args('questionId', uuid) questionId: string,
    @Args('freshnessDays', { type: () => Int, nullable: true }) freshnessDays: number | null,
  ): Promise<LibraryAnswerObject> {
    const renewed = await this.libraryService.confirm(questionId, {
      freshnessDays: freshnessDays ?? undefined,
    });
    return libraryView(renewed, this.clock.now());
  }

  @Mutation(() => [AnswerObject], {
    description:
      'Answers the chosen questions from your library (each confirmed by you), all or nothing; stale answers need reconfirm: true.',
  })
  @RequirePermission('library:use')
  async applyLibraryPrefill(
    @Args('assessmentId', uuid, ParseUUIDPipe) assessmentId: string,
    @Args(
      'choices',
      { type: () => [PrefillChoiceInput] },
      new ParseArrayPipe({ items: PrefillChoiceInput, whitelist: true, forbidUnknownValues: true }),
    )
    choices: PrefillChoiceInput[],
  ): Promise<AnswerObject[]> {
    const saved = await this.prefillService.apply(
      assessmentId,
      choices.map((c) => ({ questionId: c.questionId, reconfirm: c.reconfirm })),
    );
    const template = await this.inboxService.template(assessmentId);
    const specs = new Map(
      template.families.flatMap((f) => f.questions).map((q) => [q.id, q.answer]),
    );
    return saved.flatMap((answer) => {
      const spec = specs.get(answer.questionId);
      return spec ? [answerView(spec, answer)] : [];
    });
  }

  @Mutation(() => LibraryGrantObject, {
    description:
      'Lets your library prefill the assessments of the customer that sent you this assessment, until expiresAt (at most two years); replaces an active grant.',
  })
  @RequirePermission('library:share')
  async grantLibraryAccess(
    @Args('assessmentId', uuid, ParseUUIDPipe) assessmentId: string,
    @Args('expiresAt', { type: () => Date }) expiresAt: Date,
  ): Promise<LibraryGrantObject> {
    const grant = await this.grantsService.grant(assessmentId, expiresAt);
    return grantView(grant, this.clock.now());
  }

  @Mutation(() => LibraryGrantObject, { description: 'Ends a grant now.' })
  @RequirePermission('library:share')
  async revokeLibraryGrant(
    @Args('id', uuid, ParseUUIDPipe) id: string,
  ): Promise<LibraryGrantObject> {
    return grantView(await this.grantsService.revoke(id), this.clock.now());
  }
}

function libraryView(entry: LibraryAnswerEntity, now: Date): LibraryAnswerObject {
  return {
    questionId: entry.questionId,
    questionText: entry.questionText,
    answerType: entry.answerType,
    controls: controlKeys(entry.controls),
    value: valueObject({ type: entry.answerType }, entry.value),
    notApplicable: entry.notApplicable,
    evidence: entry.evidence.map((e) => ({ ...e })),
    note: entry.note,
    freshnessDays: entry.freshnessDays,
    confirmedAt: entry.confirmedAt,
    freshUntil: entry.freshUntil,
    stale: isStale(entry, now),
    version: entry.version,
  };
}

function grantView(grant: LibraryGrantEntity, now: Date): LibraryGrantObject {
  return {
    id: grant.id,
    customerName: grant.customerName,
    assessmentId: grant.assessmentId,
    grantedAt: grant.grantedAt,
    expiresAt: grant.expiresAt,
    revokedAt: grant.revokedAt,
    status: grantStatus(grant, now),
  };
}

function prefillView(prefill: LibraryPrefill): LibraryPrefillObject {
  return {
    available: prefill.available,
    reason: prefill.reason,
    grantExpiresAt: prefill.grantExpiresAt,
    suggestions: prefill.suggestions.map((s) => ({
      questionId: s.questionId,
      libraryQuestionId: s.libraryQuestionId,
      matchedBy: s.matchedBy,
      value: valueObject(s.answerSpec, s.value),
      notApplicable: s.notApplicable,
      evidence: s.evidence.map((e) => ({ ...e })),
      note: s.note,
      confirmedAt: s.confirmedAt,
      freshUntil: s.freshUntil,
      stale: s.stale,
    })),
  };
}
