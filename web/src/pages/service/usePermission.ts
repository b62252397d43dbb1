import { useMe } from '../../auth/useMe';

/**
 * Whether the signed-in user holds a permission. Takes a plain name because the service permissions
 * (workOrders.manage, service.manage …) may not be in the console's Permission union yet.
 */
export function useHasPermission(permission: string): boolean {
  const me = useMe();
  const granted: readonly string[] = me.data?.permissions ?? [];
  return granted.includes(permission);
}
