/**
 * Lines of `current` that `previous` had not shown yet, where both are tails of one growing log:
 * the longest suffix of `previous` that starts `current` is the overlap.
 */
export function newLines(previous: readonly string[], current: readonly string[]): string[] {
  for (let overlap = Math.min(previous.length, current.length); overlap > 0; overlap--) {
    let same = true;
    for (let i = 0; i < overlap && same; i++) same = previous[previous.length - overlap + i] === current[i];
    if (same) return current.slice(overlap);
  }
  return [...current];
}
