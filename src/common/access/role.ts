export enum Role {
  Admin = 'admin',
  Manager = 'manager',
  Waiter = 'waiter',
  Kitchen = 'kitchen',
}

export const ALL_ROLES: readonly Role[] = Object.values(Role);
