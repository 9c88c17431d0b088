export { type Permission, PERMISSIONS, ROLE_PERMISSIONS, roleAllows } from './permissions.js';
export { REQUIRED_PERMISSION, RequirePermission } from './require-permission.decorator.js';
export { isRole, type Role, ROLES } from './roles.js';
export { mayGrant } from './role-ceiling.js';
