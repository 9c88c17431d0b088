import { RequirePermission } from '@app/access';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { CatalogService, type TemplateVersionView } from '../catalog.service.js';
import type { QuestionColumn } from '../import/question-rows.js';
import {
  allowsNotApplicable,
  answerOptions,
  FRAMEWORKS,
  type Framework,
  reviewGrades,
} from '../templates/template.types.js';
import { ImportTemplateInput } from './import-template.input.js';
import { applyDraftEdit, TemplateDraftEditInput } from './template-draft-edit.input.js';
import {
  ControlMatchObject,
  FrameworkEnum,
  TemplateChangeObject,
  TemplateRefInput,
  TemplateSummaryObject,
  TemplateVersionObject,
} from './template.objects.js';

function toObject(view: TemplateVersionView): TemplateVersionObject {
  const { content } = view;
  return {
    key: view.key,
    version: view.version,
    builtIn: view.builtIn,
    status: view.status,
    publishedAt: view.publishedAt,
    title: content.title,
    description: content.description,
    audience: content.audience,
    families: content.families.map((family) => ({
      id: family.id,
      title: family.title,
      guidance: family.guidance,
      weight: family.weight ?? 1,
      questions: family.questions.map((q) => ({
        id: q.id,
        text: q.text,
        help: q.help ?? null,
        answerType: q.answer.type,
        options: answerOptions(q).map((o) => ({
          value: o.value,
          label: o.label,
          exclusive: o.exclusive === true,
        })),
        unit: 'unit' in q.answer ? q.answer.unit : null,
        scoring: JSON.stringify(q.scoring),
        weight: q.weight,
        required: q.required ?? true,
        knockout: q.knockout ?? false,
        knockoutReason: q.knockoutReason ?? null,
        passLevel: q.passLevel ?? 1,
        visibleWhen: q.visibleWhen ?? null,
        allowNotApplicable: allowsNotApplicable(q),
        notApplicableReason: q.notApplicableReason ?? null,
        followsUp: q.followsUp ?? null,
        everyTier: q.everyTier === true,
        tags: [...(q.tags ?? [])],
        notInFuture: q.answer.type === 'date' && q.answer.notInFuture === true,
        grades: reviewGrades(q.scoring).map((g) => ({ value: g.value, label: g.label })),
        evidence: [...(q.evidence ?? [])],
        controls: FRAMEWORKS.flatMap((framework) =>
          q.controls?.[framework] ? [{ framework, ids: [...q.controls[framework]] }] : [],
        ),
      })),
    })),
  };
}

@Resolver(() => TemplateVersionObject)
export class CatalogResolver {
  constructor(private readonly catalog: CatalogService) {}

  @Query(() => [TemplateSummaryObject], {
    description: 'Built-in templates and your organization’s own.',
  })
  @RequirePermission('catalog:read')
  templates(): Promise<TemplateSummaryObject[]> {
    return this.catalog.list() as Promise<TemplateSummaryObject[]>;
  }

  @Query(() => TemplateVersionObject, {
    description: 'One template version with its families and questions.',
  })
  @RequirePermission('catalog:read')
  async templateVersion(@Args('ref') ref: TemplateRefInput): Promise<TemplateVersionObject> {
    return toObject(await this.catalog.get(ref));
  }

  @Query(() => [ControlMatchObject], {
    description: 'The questions that cover a control, e.g. CSF PR.AA-03.',
  })
  @RequirePermission('catalog:read')
  questionsByControl(
    @Args('framework', { type: () => FrameworkEnum }) framework: Framework,
    @Args('controlId') controlId: string,
  ): Promise<ControlMatchObject[]> {
    if (!FRAMEWORKS.includes(framework)) return Promise.resolve([]);
    return this.catalog.questionsByControl(framework, controlId.slice(0, 20));
  }

  @Query(() => [TemplateChangeObject], { description: 'What changed between two versions.' })
  @RequirePermission('catalog:read')
  templateDiff(
    @Args('from') from: TemplateRefInput,
    @Args('to') to: TemplateRefInput,
  ): Promise<TemplateChangeObject[]> {
    return this.catalog.diff(from, to);
  }

  @Mutation(() => TemplateVersionObject, {
    description: 'Copies a template version into your catalog as draft 1.0.0 of a new template.',
  })
  @RequirePermission('catalog:manage')
  async copyTemplate(
    @Args('from') from: TemplateRefInput,
    @Args('newKey') newKey: string,
    @Args('title', { nullable: true }) title?: string,
  ): Promise<TemplateVersionObject> {
    return toObject(await this.catalog.copy(from, newKey, title));
  }

  @Mutation(() => TemplateVersionObject, {
    description:
      'Changes a draft; refused with the reasons if the result would not be a valid template.',
  })
  @RequirePermission('catalog:manage')
  async editTemplateDraft(
    @Args('key') key: string,
    @Args('edit') edit: TemplateDraftEditInput,
  ): Promise<TemplateVersionObject> {
    const action = edit.action.toLowerCase();
    return toObject(await this.catalog.editDraft(key, applyDraftEdit(edit), action));
  }

  @Mutation(() => TemplateVersionObject, {
    description:
      'Imports a question list (CSV or XLSX in the documented layout, or mapped; or VSAQ JSON) as draft 1.0.0 of a new template. All or nothing: a single bad row stores nothing and every problem is listed.',
  })
  @RequirePermission('catalog:manage')
  async importTemplate(@Args('input') input: ImportTemplateInput): Promise<TemplateVersionObject> {
    const columnMapping = Object.fromEntries(
      input.columnMapping.map((m) => [m.column, m.header]),
    ) as Partial<Record<QuestionColumn, string>>;
    return toObject(
      await this.catalog.import({
        format: input.format,
        fileName: input.fileName,
        content: Buffer.from(input.contentBase64, 'base64'),
        key: input.key,
        title: input.title,
        audience: input.audience,
        columnMapping,
      }),
    );
  }

  @Mutation(() => TemplateVersionObject, {
    description: 'Publishes the draft; it never changes again.',
  })
  @RequirePermission('catalog:manage')
  async publishTemplateDraft(@Args('key') key: string): Promise<TemplateVersionObject> {
    return toObject(await this.catalog.publish(key));
  }

  @Mutation(() => TemplateVersionObject, {
    description: 'Starts the next version’s draft from the latest one.',
  })
  @RequirePermission('catalog:manage')
  async startTemplateDraft(@Args('key') key: string): Promise<TemplateVersionObject> {
    return toObject(await this.catalog.startDraft(key));
  }
}
