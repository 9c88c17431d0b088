import type { Role } from './roles.js';

/**
 * Everything an operation can require. Every query and mutation declares exactly one (or is
 * `@Public()`); docs/permissions.md is generated from this file and checked by a test.
 */
export const PERMISSIONS = {
  'session:own': 'Use and end one’s own session: who am I, switch organization, sign out.',
  'organization:read': 'See the organization’s profile.',
  'members:read': 'See the organization’s members and their roles.',
  'members:manage': 'Change members’ roles and remove members.',
  'audit:read': 'Read the audit trail and verify its hash chain.',
  'api_keys:manage': 'Create, list and revoke API keys for integrations.',
  'storage:read': 'See how much evidence storage the organization uses, against its quota.',
  'catalog:read': 'Browse questionnaire templates, their versions and mapped controls.',
  'catalog:manage':
    'Copy templates into the organization’s catalog, edit drafts and publish versions.',
  'vendors:read': 'See the vendor inventory: vendors, their services, access and tiers.',
  'vendors:manage': 'Add and edit vendors and their inherent-risk intake.',
  'vendors:override_tier': 'Override a vendor’s criticality tier, with a reason.',
  'assessments:read':
    'See the assessments sent to vendors: answers, evidence, comments, notes and timeline.',
  'assessments:manage': 'Create, send and cancel assessments; set reassessment cycles.',
  'assessments:review':
    'Review answers (accept, flag, request changes, complete), comment to the vendor and keep internal notes.',
  'scoring:manage':
    'Change rating bands, the residual-risk matrix and family weights, and recompute scores.',
  'dashboards:read':
    'See portfolio dashboards: risk across vendors, heatmaps, trends and the weakest controls.',
  'findings:read': 'See the findings held against vendors.',
  'findings:manage':
    'Raise findings on reviewed answers; verify or reopen them, and record remediation for vendors not on Cascade.',
  'findings:accept_risk': 'Accept the risk of a finding until a date, as its approver.',
  'remediation:read':
    'See the findings customers share with the organization as their vendor, and its remediation items.',
  'remediation:manage':
    'Plan remediation items across customers, link findings to them, post progress and resolve them.',
  'assessments:respond':
    'Answer assessments addressed to the organization: inbox, answers, evidence, assignments, comments, submit.',
  'library:use':
    'Keep the answer library (save, re-confirm, read entries and grants) and prefill assessments from it where a customer has a grant.',
  'library:share': 'Grant customers the use of the answer library, and revoke grants.',
} as const;

export type Permission = keyof typeof PERMISSIONS;

const EVERYONE: Permission[] = ['session:own', 'organization:read', 'catalog:read'];
const VENDOR_MANAGEMENT: Permission[] = ['vendors:read', 'vendors:manage', 'vendors:override_tier'];
const ASSESSING: Permission[] = [
  'assessments:read',
  'assessments:manage',
  'assessments:review',
  'findings:read',
  'findings:manage',
];
const RISK: Permission[] = ['scoring:manage', 'dashboards:read', 'findings:accept_risk'];
/** The vendor's side of findings: the MSP workspace. */
const REMEDIATING: Permission[] = ['remediation:read', 'remediation:manage'];

/** Owners and admins may do everything; only owners may touch the owner role (checked in services). */
const ADMINISTRATION: Permission[] = [
  ...EVERYONE,
  'members:read',
  'members:manage',
  'audit:read',
  'api_keys:manage',
  'storage:read',
  'catalog:manage',
  ...VENDOR_MANAGEMENT,
  ...ASSESSING,
  ...RISK,
  'assessments:respond',
  ...REMEDIATING,
  'library:use',
  'library:share',
];

/** What each role may do. Owners and admins manage members; auditors only read. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ADMINISTRATION,
  admin: ADMINISTRATION,
  risk_manager: [
    ...EVERYONE,
    'members:read',
    'audit:read',
    'catalog:manage',
    ...VENDOR_MANAGEMENT,
    ...ASSESSING,
    ...RISK,
  ],
  assessor: [
    ...EVERYONE,
    'members:read',
    'catalog:manage',
    'vendors:read',
    'vendors:manage',
    ...ASSESSING,
    'dashboards:read',
  ],
  // An MSP's people who answer; they see their own organization's inbox, nothing of customers'.
  // They answer, fix and keep the answer library; sharing it is the owners' and admins' call.
  respondent: [...EVERYONE, 'assessments:respond', ...REMEDIATING, 'library:use'],
  auditor: [
    ...EVERYONE,
    'members:read',
    'audit:read',
    'vendors:read',
    'assessments:read',
    'findings:read',
    'dashboards:read',
    'remediation:read',
  ],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
