// "Did you mean" for an unknown request field: the snake_case spelling of a camelCase or
// kebab-case name (statusCallback → status_callback), else the closest known name by edit distance.

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length]!;
}

export function snakeCaseOf(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s]+/g, '_').toLowerCase();
}

/** The known field the client most likely meant, or undefined when none is close. */
export function suggestField(unknown: string, known: readonly string[]): string | undefined {
  if (unknown.length > 64 || known.length === 0) return undefined;
  const snake = snakeCaseOf(unknown);
  if (known.includes(snake)) return snake;
  // Close means at most 2 edits, and fewer than a third of the name: "to" is not a typo of "id".
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(snake, name);
    if (distance <= 2 && distance * 3 < Math.max(snake.length, name.length) && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
