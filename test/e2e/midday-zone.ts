/**
 * A business time zone in which it is now around noon, so a browser test's day has shift time left
 * and is inside the calling window whenever CI runs it (Etc/GMT-N is UTC+N, POSIX signs are inverted).
 */
export function middayZone(now = new Date()): string {
  let offset = 12 - now.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  if (offset === 0) return 'Etc/GMT';
  return offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}
