/** The advisory's contract points as typed terms. A term left out is a gap. */
export interface ContractClauses {
  /** How soon, and how, the MSP must tell the customer of a suspected or confirmed incident. */
  readonly incidentNotification?: {
    readonly withinHours: number;
    readonly channels: readonly string[];
  };
  readonly logRetentionMonths?: number;
  /** MFA on every MSP account that reaches the customer's environment. */
  readonly mfaRequired?: boolean;
  readonly backup?: { readonly isolatedCopy: boolean; readonly restoreTestMonths?: number };
  /** The customer may audit the MSP's activity and account use in its environment. */
  readonly auditRights?: boolean;
  readonly subcontractorDisclosure?: boolean;
  readonly accessRemovalWithinDays?: number;
  readonly servicesBought?: readonly string[];
  readonly servicesNotBought?: readonly string[];
}

export interface ClauseGap {
  readonly clause: keyof ContractClauses;
  /** `missing`: the contract says nothing; `weak`: it says less than the advisory asks. */
  readonly kind: 'missing' | 'weak';
  readonly message: string;
}

/** Where the advisory draws the line (AA22-131A and its contract guidance). */
export const ADVISORY_MINIMUMS = {
  logRetentionMonths: 6,
  notificationHours: 72,
  accessRemovalDays: 1,
} as const;

/** What the contract leaves out or promises below the advisory's baseline. */
export function clauseGaps(clauses: ContractClauses): ClauseGap[] {
  const gaps: ClauseGap[] = [];
  const missing = (clause: keyof ContractClauses, message: string) =>
    gaps.push({ clause, kind: 'missing', message });
  const weak = (clause: keyof ContractClauses, message: string) =>
    gaps.push({ clause, kind: 'weak', message });

  const notify = clauses.incidentNotification;
  if (!notify)
    missing(
      'incidentNotification',
      'No incident notification clause: how and when the MSP must tell you.',
    );
  else {
    if (notify.withinHours > ADVISORY_MINIMUMS.notificationHours) {
      weak(
        'incidentNotification',
        `Notification within ${notify.withinHours} hours is slow; aim for 24 and no more than 72.`,
      );
    }
    if (notify.channels.length === 0)
      weak('incidentNotification', 'The clause does not say how the MSP notifies you.');
  }
  if (clauses.logRetentionMonths === undefined)
    missing('logRetentionMonths', 'No log retention period.');
  else if (clauses.logRetentionMonths < ADVISORY_MINIMUMS.logRetentionMonths) {
    weak(
      'logRetentionMonths',
      `Logs kept ${clauses.logRetentionMonths} months; the advisory asks for at least six.`,
    );
  }
  if (clauses.mfaRequired === undefined)
    missing('mfaRequired', 'No MFA requirement on MSP accounts that reach you.');
  else if (!clauses.mfaRequired)
    weak('mfaRequired', 'The contract does not require MFA on MSP accounts that reach you.');
  if (!clauses.backup) missing('backup', 'No backup requirements.');
  else if (!clauses.backup.isolatedCopy)
    weak('backup', 'Backups need an isolated or offline copy.');
  if (clauses.auditRights === undefined)
    missing('auditRights', 'No right to see and audit the MSP’s activity in your environment.');
  else if (!clauses.auditRights) weak('auditRights', 'The contract gives you no audit rights.');
  if (clauses.subcontractorDisclosure === undefined)
    missing('subcontractorDisclosure', 'No duty to disclose subcontractors.');
  else if (!clauses.subcontractorDisclosure)
    weak('subcontractorDisclosure', 'Subcontractors need not be disclosed.');
  if (clauses.accessRemovalWithinDays === undefined) {
    missing(
      'accessRemovalWithinDays',
      'No removal of the MSP’s accounts and access when the contract ends.',
    );
  } else if (clauses.accessRemovalWithinDays > ADVISORY_MINIMUMS.accessRemovalDays) {
    weak(
      'accessRemovalWithinDays',
      `Access may remain ${clauses.accessRemovalWithinDays} days after the contract ends.`,
    );
  }
  if (!clauses.servicesBought?.length)
    missing('servicesBought', 'The services bought are not listed.');
  if (!clauses.servicesNotBought?.length)
    missing('servicesNotBought', 'The services not bought are not listed.');
  return gaps;
}
