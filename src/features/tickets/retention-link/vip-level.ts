/** Anything above the lowest level is a VIP (silver and up): their tickets reach the retention side. */
export function isVipLevel(vipLevel: string): boolean {
  return vipLevel !== 'none' && vipLevel !== '';
}
