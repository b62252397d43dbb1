import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

type Patch<K extends string> = Partial<Record<K, string | number | null | undefined>>;

/** Page state kept in the URL query string: read the given keys, write a patch (empty values removed). */
export function useUrlQuery<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const serialized = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed when the query string changes
  const values = useMemo(() => {
    const out: Partial<Record<K, string>> = {};
    for (const key of keys) {
      const value = params.get(key);
      if (value !== null && value !== '') out[key] = value;
    }
    return out;
  }, [serialized]);

  const update = useCallback(
    (patch: Patch<K>, replaceAll = false) => {
      setParams((previous) => {
        const next = replaceAll ? new URLSearchParams() : new URLSearchParams(previous);
        for (const [key, value] of Object.entries(patch) as [K, Patch<K>[K]][]) {
          if (value === undefined || value === null || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        return next;
      });
    },
    [setParams],
  );

  return [values, update] as const;
}

export function toPositiveInt(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}
