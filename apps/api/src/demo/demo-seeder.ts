import type { Role } from '@app/access';
import { InvitationsService, SessionService } from '@app/auth';
import { RequestContext } from '@app/common';
import { IdentityDatabase, PlatformDatabase } from '@app/database';
import {
  AnsweringService,
  AssessmentsService,
  InboxService,
  MspWorkspaceService,
  RemediationItemsService,
  ReviewService,
} from '@app/assessments';
import { type AnswerValue, exampleAnswer, type Question, visibleQuestions } from '@app/catalog';
import { ContractsService, VendorsService } from '@app/vendors';
import { Injectable } from '@nestjs/common';

/** Every demo account's password; printed at start. Local demo data only. */
export const DEMO_PASSWORD = 'cascade demo password';

interface DemoOrganization {
  readonly name: string;
  readonly domain: string;
  readonly assessesVendors: boolean;
  readonly answersAssessments: boolean;
  readonly members: readonly Role[];
}

/** A customer that assesses its MSP, and the MSP that answers. Owners are created first. */
const ORGANIZATIONS: readonly DemoOrganization[] = [
  {
    name: 'Northwind Logistics',
    domain: 'northwind.example',
    assessesVendors: true,
    answersAssessments: false,
    members: ['admin', 'risk_manager', 'assessor', 'auditor'],
  },
  {
    name: 'Contoso Managed Services',
    domain: 'contoso-msp.example',
    assessesVendors: true,
    answersAssessments: true,
    members: ['admin', 'respondent'],
  },
];

export interface DemoAccount {
  readonly organization: string;
  readonly email: string;
  readonly role: Role;
}

/**
 * Seeds a demo through the product's own paths (sign-up, invitations), so a newcomer who runs
 * `npm start` finds organizations and people of every role to sign in as.
 */
@Injectable()
export class DemoSeeder {
  constructor(
    private readonly platform: PlatformDatabase,
    private readonly identity: IdentityDatabase,
    private readonly sessions: SessionService,
    private readonly invitations: InvitationsService,
    private readonly context: RequestContext,
    private readonly vendors: VendorsService,
    private readonly contracts: ContractsService,
    private readonly assessments: AssessmentsService,
    private readonly inbox: InboxService,
    private readonly answering: AnsweringService,
    private readonly review: ReviewService,
    private readonly workspace: MspWorkspaceService,
    private readonly remediation: RemediationItemsService,
  ) {}

  /** Seeds only a database with no organizations yet; returns the accounts it created. */
  async seedIfEmpty(): Promise<DemoAccount[]> {
    if ((await this.platform.listTenantIds()).length > 0) return [];
    const accounts: DemoAccount[] = [];
    const owners = new Map<string, { tenantId: string; userId: string }>();
    for (const org of ORGANIZATIONS) {
      const ownerEmail = `owner@${org.domain}`;
      const owner = await this.sessions.signUp({
        email: ownerEmail,
        password: DEMO_PASSWORD,
        displayName: `${org.name} Owner`,
        organizationName: org.name,
        capabilities: {
          assessesVendors: org.assessesVendors,
          answersAssessments: org.answersAssessments,
        },
      });
      accounts.push({ organization: org.name, email: ownerEmail, role: 'owner' });
      owners.set(org.name, { tenantId: owner.tenantId, userId: owner.userId });
      for (const role of org.members) {
        const email = `${role.replace('_', '-')}@${org.domain}`;
        const { acceptUrl } = await this.context.run(
          { tenantId: owner.tenantId, actor: { type: 'user', id: owner.userId } },
          () => this.invitations.invite(email, role),
        );
        await this.invitations.accept({
          token: acceptUrl.split('#token=')[1] ?? '',
          password: DEMO_PASSWORD,
          displayName: `${org.name} ${role.replace('_', ' ')}`,
        });
        accounts.push({ organization: org.name, email, role });
      }
    }
    const customer = owners.get('Northwind Logistics');
    const msp = owners.get('Contoso Managed Services');
    if (customer && msp) {
      const asCustomer = <T>(fn: () => Promise<T>) =>
        this.context.run(
          { tenantId: customer.tenantId, actor: { type: 'user', id: customer.userId } },
          fn,
        );
      const asMsp = <T>(fn: () => Promise<T>) =>
        this.context.run({ tenantId: msp.tenantId, actor: { type: 'user', id: msp.userId } }, fn);
      const vendorId = await asCustomer(() => this.seedInventory(customer.userId));
      await this.seedLastCycle(vendorId, msp.userId, asCustomer, asMsp);
      await this.seedAssessment(vendorId, asCustomer, asMsp);
    }
    return accounts;
  }

  /** Northwind's MSP vendors: its managed-services provider and a backup provider. */
  private async seedInventory(ownerUserId: string): Promise<string> {
    const contoso = await this.vendors.create({
      name: 'Contoso Managed Services',
      domains: ['contoso-msp.example'],
      services: [
        { name: 'Managed endpoints and patching', inScope: true },
        { name: 'Microsoft 365 administration', inScope: true },
        { name: 'Network monitoring', inScope: false },
      ],
      access: {
        remoteAccessTools: ['RMM agent', 'Remote-support tool'],
        privilegedAccounts: ['Domain Admins', 'M365 Global Administrator (delegated)'],
        systems: ['Active Directory', 'Microsoft 365', 'File servers'],
      },
      ownerUserId,
      contacts: [
        {
          name: 'Contoso service desk',
          email: 'owner@contoso-msp.example',
          title: 'Service owner',
        },
      ],
      tags: ['msp', 'critical-path'],
      intake: {
        dataAccess: 'confidential',
        privilegedAccess: 'domain_wide',
        businessImpact: 'critical',
        substitutability: 'hard',
      },
    });
    await this.vendors.create({
      name: 'Fabrikam Cloud Backup',
      domains: ['fabrikam-backup.example'],
      services: [{ name: 'Offsite backup of file servers', inScope: true }],
      access: {
        remoteAccessTools: ['Backup agent'],
        privilegedAccounts: ['Backup operator'],
        systems: ['File servers'],
      },
      ownerUserId,
      contacts: [],
      tags: ['backup'],
      intake: {
        dataAccess: 'confidential',
        privilegedAccess: 'limited',
        businessImpact: 'high',
        substitutability: 'moderate',
      },
    });
    await this.contracts.create(contoso.id, {
      title: 'Managed services agreement 2026',
      startsOn: '2026-01-01',
      endsOn: '2028-12-31',
      renewsOn: '2028-10-01',
      clauses: {
        incidentNotification: { withinHours: 24, channels: ['phone', 'email'] },
        logRetentionMonths: 12,
        mfaRequired: true,
        backup: { isolatedCopy: true, restoreTestMonths: 6 },
      },
    });
    return contoso.id;
  }

  /** The invitation link as the demo's mail carries it (the mail goes to the log in development). */
  private async mailedToken(email: string): Promise<string> {
    const rows = await this.identity.transaction(null, (manager) =>
      manager.query<{ body_text: string }[]>(
        `SELECT body_text FROM outbox_messages
          WHERE recipient = $1 AND kind = 'assessment_invitation'
          ORDER BY created_at DESC LIMIT 1`,
        [email],
      ),
    );
    return /token=([\w-]+)/.exec(rows[0]?.body_text ?? '')?.[1] ?? '';
  }

  /**
   * Last cycle, completed: Contoso answered everything, but MFA is not enforced on its RMM and
   * PSA consoles (MFA-03), so Northwind holds a finding that Contoso sees in its workspace and is
   * fixing under a remediation item. Scores, findings and remediation all have something to show.
   */
  private async seedLastCycle(
    vendorId: string,
    mspUserId: string,
    asCustomer: <T>(fn: () => Promise<T>) => Promise<T>,
    asMsp: <T>(fn: () => Promise<T>) => Promise<T>,
  ): Promise<void> {
    const id = await this.sentAndAccepted(vendorId, 7, asCustomer, asMsp);
    const content = await asMsp(() => this.inbox.content(id));
    const answerOf = (q: Question) =>
      q.id === GAP ? { value: 'no', notApplicable: false } : exampleAnswer(q);
    const values: Record<string, AnswerValue> = {};
    for (const q of content.template.families.flatMap((f) => f.questions)) {
      const answer = answerOf(q);
      values[q.id] = answer.notApplicable ? 'not_applicable' : answer.value;
    }
    // Only the questions these answers show take an answer; an N/A claim says why.
    const answers = visibleQuestions(content.template, values).map((q) => {
      const answer = answerOf(q);
      return {
        questionId: q.id,
        expectedVersion: 0,
        ...answer,
        notApplicableReason: answer.notApplicable ? 'Contoso keeps no such document.' : null,
      };
    });
    await asMsp(() => this.answering.saveMany(id, answers));
    await asMsp(() => this.answering.submit(id));
    await asCustomer(() => this.review.review(id, GAP, 'accepted', null));
    await asCustomer(() => this.review.complete(id));
    const gaps = await asMsp(() => this.workspace.findings(10, undefined, { questionId: GAP }));
    const item = await asMsp(() =>
      this.remediation.create({
        title: 'MFA on every RMM and PSA console',
        description: 'Conditional access for all technician sign-ins to the RMM, PSA and VPN.',
        questionId: GAP,
        ownerUserId: mspUserId,
        dueOn: daysFromNow(60),
        milestones: [
          { title: 'Pilot with the service desk team', dueOn: daysFromNow(14) },
          { title: 'Enforce for every technician', dueOn: daysFromNow(45) },
        ],
        findingIds: gaps.findings.map((f) => f.finding.id),
      }),
    );
    await asMsp(() =>
      this.remediation.post(
        item.id,
        'Pilot started: the service desk team signs in with MFA.',
        true,
      ),
    );
  }

  private async sentAndAccepted(
    vendorId: string,
    dueInDays: number,
    asCustomer: <T>(fn: () => Promise<T>) => Promise<T>,
    asMsp: <T>(fn: () => Promise<T>) => Promise<T>,
  ): Promise<string> {
    const assessment = await asCustomer(() =>
      this.assessments.create({
        vendorId,
        template: { key: 'msp-advisory', version: '1.0.0', builtIn: true },
        dueOn: daysFromNow(dueInDays),
      }),
    );
    await asCustomer(() => this.assessments.send(assessment.id, ['owner@contoso-msp.example']));
    const token = await this.mailedToken('owner@contoso-msp.example');
    await asMsp(() => this.inbox.accept(token));
    return assessment.id;
  }

  /**
   * Northwind's advisory assessment of Contoso, sent and accepted (which links Contoso's
   * organization), with the first family answered: both inboxes have something to show.
   */
  private async seedAssessment(
    vendorId: string,
    asCustomer: <T>(fn: () => Promise<T>) => Promise<T>,
    asMsp: <T>(fn: () => Promise<T>) => Promise<T>,
  ): Promise<void> {
    const id = await this.sentAndAccepted(vendorId, 30, asCustomer, asMsp);
    const content = await asMsp(() => this.inbox.content(id));
    const family = content.template.families[0];
    const yesNo = family.questions.filter((q) => q.answer.type === 'yes_no');
    // A question these answers hide (a follow-up to another) takes no answer.
    const shown = new Set(
      visibleQuestions(content.template, Object.fromEntries(yesNo.map((q) => [q.id, 'yes']))).map(
        (q) => q.id,
      ),
    );
    await asMsp(() =>
      this.answering.saveMany(
        id,
        yesNo
          .filter((q) => shown.has(q.id))
          .map((q) => ({
            questionId: q.id,
            expectedVersion: 0,
            value: 'yes',
            notApplicable: false,
          })),
      ),
    );
  }
}

/** The gap the demo's last cycle found: MFA on the MSP's RMM and PSA consoles. */
const GAP = 'MFA-03';

function daysFromNow(days: number): string {
  return new Date(Date.now() + days * 24 * 3600 * 1000).toISOString().slice(0, 10);
}

export function describeDemo(accounts: readonly DemoAccount[], graphqlUrl: string): string {
  const width = Math.max(...accounts.map((a) => a.email.length));
  const lines = accounts.map(
    (a) => `  ${a.email.padEnd(width)}  ${a.role.padEnd(12)}  ${a.organization}`,
  );
  return [
    '',
    'Demo data created. Sign in at ' +
      graphqlUrl +
      ' with any of these (password: "' +
      DEMO_PASSWORD +
      '"):',
    ...lines,
    '  mutation { login(input: { email: "owner@northwind.example", password: "' +
      DEMO_PASSWORD +
      '" }) { accessToken } }',
    '',
  ].join('\n');
}
