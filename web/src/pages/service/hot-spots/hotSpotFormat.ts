import type { HotSpot } from '../../../api/types-service';

/**
 * A p- or q-value as a reader compares it: three significant digits, or powers of ten when tiny. A
 * p-value that underflowed to 0 is shown from its logarithm (the API sends ln p for that reason).
 */
export function probabilityText(value: number, logValue?: number): string {
  if (value >= 0.001) return value.toPrecision(2);
  if (value > 0) return value.toExponential(1);
  if (logValue !== undefined && Number.isFinite(logValue)) {
    const exponent = logValue / Math.LN10;
    const power = Math.floor(exponent);
    return `${(10 ** (exponent - power)).toFixed(1)}e${power}`;
  }
  return '0';
}

export function ratioText(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio) ? '—' : `×${ratio.toFixed(1)}`;
}

/** Strongest first: smallest q, then smallest p (by its log, which does not underflow), then largest ratio. */
export function byStrength(a: HotSpot, b: HotSpot): number {
  return (
    a.qValue - b.qValue ||
    a.logPValue - b.logPValue ||
    b.ratio - a.ratio ||
    b.weekStart.localeCompare(a.weekStart)
  );
}

/** A row key unique across weeks: area × category × week. */
export function hotSpotKey(spot: {
  city: string;
  district: string;
  category: string;
  weekStart: string;
}): string {
  return `${spot.city}|${spot.district}|${spot.category}|${spot.weekStart}`;
}
