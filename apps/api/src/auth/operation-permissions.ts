import {
  type Permission,
  PERMISSIONS,
  REQUIRED_PERMISSION,
  ROLE_PERMISSIONS,
  ROLES,
} from '@app/access';
import { IS_PUBLIC } from '@app/auth';
import type { INestApplicationContext } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { RESOLVER_NAME_METADATA, RESOLVER_TYPE_METADATA } from '@nestjs/graphql';

export interface OperationAccess {
  readonly operation: string;
  readonly type: 'Query' | 'Mutation';
  /** 'public' for `@Public()`; undefined when nothing is declared (the guard refuses it). */
  readonly access: Permission | 'public' | undefined;
}

/** Every root query and mutation with the access it declares, read from the resolvers. */
export function operationAccess(app: INestApplicationContext): OperationAccess[] {
  const reflector = app.get(Reflector);
  const scanner = app.get(MetadataScanner);
  const found: OperationAccess[] = [];
  for (const wrapper of app.get(DiscoveryService).getProviders()) {
    const instance: unknown = wrapper.instance;
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    const classPublic = reflector.get<boolean | undefined>(IS_PUBLIC, prototype.constructor);
    for (const method of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[method] as () => unknown;
      const type = reflector.get<string | undefined>(RESOLVER_TYPE_METADATA, handler);
      if (type !== 'Query' && type !== 'Mutation') continue;
      const name = reflector.get<string | undefined>(RESOLVER_NAME_METADATA, handler) ?? method;
      const isPublic = classPublic ?? reflector.get<boolean | undefined>(IS_PUBLIC, handler);
      const permission = reflector.get<Permission | undefined>(REQUIRED_PERMISSION, handler);
      found.push({ operation: name, type, access: isPublic ? 'public' : permission });
    }
  }
  return found.sort(
    (a, b) => a.type.localeCompare(b.type) || a.operation.localeCompare(b.operation),
  );
}

/** The permission refused to API keys whatever their role (GqlAuthGuard): sessions are people's. */
export const PEOPLE_ONLY_PERMISSION: Permission = 'session:own';

/** docs/permissions.md: the role × operation matrix, generated from the code. */
export function renderPermissionMatrix(operations: readonly OperationAccess[]): string {
  const header = `| Operation | Permission | ${ROLES.join(' | ')} |`;
  const rule = `|---|---|${ROLES.map(() => '---').join('|')}|`;
  const rows = operations.map(({ operation, type, access }) => {
    const cells = ROLES.map((role) =>
      access === 'public' || (access && ROLE_PERMISSIONS[role].includes(access)) ? 'yes' : '—',
    );
    const permission =
      access === PEOPLE_ONLY_PERMISSION ? `${access} (people only)` : (access ?? '**none**');
    return `| ${type === 'Query' ? 'query' : 'mutation'} \`${operation}\` | ${permission} | ${cells.join(' | ')} |`;
  });
  const permissions = Object.entries(PERMISSIONS).map(
    ([name, meaning]) => `- \`${name}\`: ${meaning}`,
  );
  return [
    '# Permissions',
    '',
    'Generated from the code by `npm run docs:permissions`; a test fails when this file is out of date.',
    'A change here changes who can reach an operation: review it as a permission change.',
    '',
    'Every operation is either public or declares one permission; the API checks it against the',
    'caller’s role as stored on their membership, on every request. Object-level checks (the row',
    'belongs to the caller’s organization, owner-only changes) happen in the services.',
    '',
    'An API key acts with the role it was created with, except for `session:own` (marked',
    '“people only”): who am I, switching organization and sign-out describe a person’s session,',
    'which a key does not have, so a key is refused with `FORBIDDEN` (reason `PEOPLE_ONLY`).',
    '',
    '## Permissions',
    '',
    ...permissions,
    '',
    '## Operations by role',
    '',
    header,
    rule,
    ...rows,
    '',
  ].join('\n');
}
