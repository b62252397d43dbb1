/** Pasted numbers (commas, spaces, tabs or new lines between them) → values, or the first bad item. */
export function parseValues(text: string): { values: number[] } | { bad: { index: number; item: string } } {
  const items = text.split(/[\s,，;；]+/).filter((item) => item !== '');
  const values: number[] = [];
  for (const [i, item] of items.entries()) {
    const n = Number(item);
    if (!Number.isFinite(n)) return { bad: { index: i + 1, item } };
    values.push(n);
  }
  return { values };
}
