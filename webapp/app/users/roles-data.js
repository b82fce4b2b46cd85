import { getJson } from '../core/api.js';

/** The 12 roles and 44 permissions, read once from the service: they are fixed data of the matrix. */
let roles = null;
let permissions = null;

export function loadRoles() {
  roles ??= getJson('/api/roles').catch((error) => {
    roles = null;
    throw error;
  });
  return roles;
}

export function loadPermissions() {
  permissions ??= getJson('/api/permissions').catch((error) => {
    permissions = null;
    throw error;
  });
  return permissions;
}

/** The areas in the order they first appear, each with its permissions. */
export function byArea(list) {
  const areas = new Map();
  for (const permission of list) {
    if (!areas.has(permission.area)) areas.set(permission.area, []);
    areas.get(permission.area).push(permission);
  }
  return [...areas].map(([area, items]) => ({ area, items }));
}
