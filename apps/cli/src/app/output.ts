import Table from 'cli-table3';

export interface TerminalSize {
  columns: number;
  rows: number;
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Set when stdout is a terminal, so a command may redraw in place; absent for a pipe or a file. */
  readonly terminal?: TerminalSize;
}

export const consoleOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  get terminal() {
    const { isTTY, columns, rows } = process.stdout;
    return isTTY ? { columns: columns ?? 80, rows: rows ?? 24 } : undefined;
  },
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
  return tableOf(rows, columns).toString();
}

/** A table with a line under its header but none between its rows: for a screen redrawn in place. */
export function compactTable<T>(rows: T[], columns: Column<T>[]): string {
  const noRowLines = { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' };
  const [top, head, ...body] = tableOf(rows, columns, noRowLines).toString().split('\n');
  const underHead = top.replace('┌', '├').replace(/┬/g, '┼').replace('┐', '┤');
  return [top, head, underHead, ...body].join('\n');
}

function tableOf<T>(rows: T[], columns: Column<T>[], chars?: Record<string, string>): Table.Table {
  const table = new Table({ head: columns.map((c) => c.header), style: { head: [], border: [] }, chars });
  for (const row of rows) table.push(columns.map((c) => String(c.value(row) ?? '-')));
  return table;
}
