/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    me {\n      userId\n      displayName\n      organizationId\n      role\n      organizations {\n        organizationId\n        organizationName\n        role\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      ...SessionFields\n    }\n  }\n": typeof types.SwitchOrganizationDocument,
    "\n  query RiskHeatmap($filter: PortfolioFilter) {\n    riskHeatmap(first: 1000, filter: $filter) {\n      families {\n        familyId\n        title\n      }\n      edges {\n        node {\n          vendorId\n          vendorName\n          rating\n          scores\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n    scoringSettings {\n      bands {\n        low\n        moderate\n        high\n      }\n    }\n  }\n": typeof types.RiskHeatmapDocument,
    "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      ...SessionFields\n    }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  mutation AcceptInvitationAsMember($token: String!) {\n    acceptInvitationAsMember(token: $token) {\n      ...SessionFields\n    }\n  }\n": typeof types.AcceptInvitationAsMemberDocument,
    "\n  query PortfolioOverview($filter: PortfolioFilter) {\n    portfolioOverview(filter: $filter) {\n      vendors\n      averageScore\n      overdue\n      byResidualRisk {\n        level\n        vendors\n      }\n      assessmentsByState {\n        state\n        assessments\n      }\n      mostOverdue {\n        assessmentId\n        vendorName\n        title\n        dueOn\n        daysOverdue\n      }\n    }\n  }\n": typeof types.PortfolioOverviewDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n": typeof types.ResetPasswordDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...SessionFields\n    }\n  }\n": typeof types.LoginDocument,
    "\n  query VendorInventory($first: Int!, $tier: Int, $tag: String) {\n    vendorInventory(first: $first, tier: $tier, tag: $tag) {\n      nodes {\n        id\n        name\n        tier\n        tags\n        linkedAt\n        updatedAt\n      }\n      hasNextPage\n    }\n  }\n": typeof types.VendorInventoryDocument,
    "\n  fragment SessionFields on AuthSession {\n    accessToken\n    expiresInSeconds\n    userId\n    organizationId\n    role\n  }\n": typeof types.SessionFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  query Viewer {\n    me {\n      userId\n      displayName\n      organizationId\n      role\n      organizations {\n        organizationId\n        organizationName\n        role\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      ...SessionFields\n    }\n  }\n": types.SwitchOrganizationDocument,
    "\n  query RiskHeatmap($filter: PortfolioFilter) {\n    riskHeatmap(first: 1000, filter: $filter) {\n      families {\n        familyId\n        title\n      }\n      edges {\n        node {\n          vendorId\n          vendorName\n          rating\n          scores\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n    scoringSettings {\n      bands {\n        low\n        moderate\n        high\n      }\n    }\n  }\n": types.RiskHeatmapDocument,
    "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      ...SessionFields\n    }\n  }\n": types.AcceptInvitationDocument,
    "\n  mutation AcceptInvitationAsMember($token: String!) {\n    acceptInvitationAsMember(token: $token) {\n      ...SessionFields\n    }\n  }\n": types.AcceptInvitationAsMemberDocument,
    "\n  query PortfolioOverview($filter: PortfolioFilter) {\n    portfolioOverview(filter: $filter) {\n      vendors\n      averageScore\n      overdue\n      byResidualRisk {\n        level\n        vendors\n      }\n      assessmentsByState {\n        state\n        assessments\n      }\n      mostOverdue {\n        assessmentId\n        vendorName\n        title\n        dueOn\n        daysOverdue\n      }\n    }\n  }\n": types.PortfolioOverviewDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n": types.ResetPasswordDocument,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...SessionFields\n    }\n  }\n": types.LoginDocument,
    "\n  query VendorInventory($first: Int!, $tier: Int, $tag: String) {\n    vendorInventory(first: $first, tier: $tier, tag: $tag) {\n      nodes {\n        id\n        name\n        tier\n        tags\n        linkedAt\n        updatedAt\n      }\n      hasNextPage\n    }\n  }\n": types.VendorInventoryDocument,
    "\n  fragment SessionFields on AuthSession {\n    accessToken\n    expiresInSeconds\n    userId\n    organizationId\n    role\n  }\n": types.SessionFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    me {\n      userId\n      displayName\n      organizationId\n      role\n      organizations {\n        organizationId\n        organizationName\n        role\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    me {\n      userId\n      displayName\n      organizationId\n      role\n      organizations {\n        organizationId\n        organizationName\n        role\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation SwitchOrganization($organizationId: ID!) {\n    switchOrganization(organizationId: $organizationId) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RiskHeatmap($filter: PortfolioFilter) {\n    riskHeatmap(first: 1000, filter: $filter) {\n      families {\n        familyId\n        title\n      }\n      edges {\n        node {\n          vendorId\n          vendorName\n          rating\n          scores\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n    scoringSettings {\n      bands {\n        low\n        moderate\n        high\n      }\n    }\n  }\n"): (typeof documents)["\n  query RiskHeatmap($filter: PortfolioFilter) {\n    riskHeatmap(first: 1000, filter: $filter) {\n      families {\n        familyId\n        title\n      }\n      edges {\n        node {\n          vendorId\n          vendorName\n          rating\n          scores\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n    scoringSettings {\n      bands {\n        low\n        moderate\n        high\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptInvitation($input: AcceptInvitationInput!) {\n    acceptInvitation(input: $input) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitationAsMember($token: String!) {\n    acceptInvitationAsMember(token: $token) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptInvitationAsMember($token: String!) {\n    acceptInvitationAsMember(token: $token) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortfolioOverview($filter: PortfolioFilter) {\n    portfolioOverview(filter: $filter) {\n      vendors\n      averageScore\n      overdue\n      byResidualRisk {\n        level\n        vendors\n      }\n      assessmentsByState {\n        state\n        assessments\n      }\n      mostOverdue {\n        assessmentId\n        vendorName\n        title\n        dueOn\n        daysOverdue\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortfolioOverview($filter: PortfolioFilter) {\n    portfolioOverview(filter: $filter) {\n      vendors\n      averageScore\n      overdue\n      byResidualRisk {\n        level\n        vendors\n      }\n      assessmentsByState {\n        state\n        assessments\n      }\n      mostOverdue {\n        assessmentId\n        vendorName\n        title\n        dueOn\n        daysOverdue\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n"): (typeof documents)["\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...SessionFields\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      ...SessionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VendorInventory($first: Int!, $tier: Int, $tag: String) {\n    vendorInventory(first: $first, tier: $tier, tag: $tag) {\n      nodes {\n        id\n        name\n        tier\n        tags\n        linkedAt\n        updatedAt\n      }\n      hasNextPage\n    }\n  }\n"): (typeof documents)["\n  query VendorInventory($first: Int!, $tier: Int, $tag: String) {\n    vendorInventory(first: $first, tier: $tier, tag: $tag) {\n      nodes {\n        id\n        name\n        tier\n        tags\n        linkedAt\n        updatedAt\n      }\n      hasNextPage\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionFields on AuthSession {\n    accessToken\n    expiresInSeconds\n    userId\n    organizationId\n    role\n  }\n"): (typeof documents)["\n  fragment SessionFields on AuthSession {\n    accessToken\n    expiresInSeconds\n    userId\n    organizationId\n    role\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;