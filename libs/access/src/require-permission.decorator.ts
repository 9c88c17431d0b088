import { SetMetadata } from '@nestjs/common';
import type { Permission } from './permissions.js';

export const REQUIRED_PERMISSION = 'cascade:requiredPermission';

/**
 * The permission an operation needs; checked by the API's global guard against the caller's role
 * as loaded on this request. An operation with neither this nor `@Public()` is refused.
 */
export const RequirePermission = (permission: Permission): MethodDecorator =>
  SetMetadata(REQUIRED_PERMISSION, permission);
