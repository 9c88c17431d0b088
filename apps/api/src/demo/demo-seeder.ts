import type { Role } from '@app/access';
import { InvitationsService, SessionService } from '@app/auth';
import { RequestContext } from '@app/common';
import { PlatformDatabase } from '@app/database';
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
    private readonly sessions: SessionService,
    private readonly invitations: InvitationsService,
    private readonly context: RequestContext,
  ) {}

  /** Seeds only a database with no organizations yet; returns the accounts it created. */
  async seedIfEmpty(): Promise<DemoAccount[]> {
    if ((await this.platform.listTenantIds()).length > 0) return [];
    const accounts: DemoAccount[] = [];
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
    return accounts;
  }
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
