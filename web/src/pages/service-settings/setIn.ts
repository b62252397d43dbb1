type Path = readonly (string | number)[];

/**
 * A copy of `value` with the element at `path` replaced, copying only the objects and arrays on the
 * way (the editors keep the whole document as one draft and change one cell at a time).
 */
export function setIn<T>(value: T, path: Path, next: unknown): T {
  if (path.length === 0) return next as T;
  const [head, ...rest] = path;
  if (head === undefined) return value;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[Number(head)] = setIn(copy[Number(head)], rest, next);
    return copy as T;
  }
  const record = (value ?? {}) as Record<string, unknown>;
  return { ...record, [head]: setIn(record[head], rest, next) } as T;
}
