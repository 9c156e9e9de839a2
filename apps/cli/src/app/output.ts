import Table from 'cli-table3';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const consoleOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export interface Column<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
}

/** A table for people, or the raw data as JSON for scripts. */
export function render<T>(data: T[] | T, columns: Column<T>[], json: boolean): string {
  if (json) return JSON.stringify(data, null, 2);
  const rows = Array.isArray(data) ? data : [data];
  if (rows.length === 0) return '(none)';
  const table = new Table({ head: columns.map((c) => c.header), style: { head: [], border: [] } });
  for (const row of rows) table.push(columns.map((c) => String(c.value(row) ?? '-')));
  return table.toString();
}
