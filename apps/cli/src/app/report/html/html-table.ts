import { escapeMarkup } from '../escape-markup';
import { formatNumber } from '../format-number';
import { Cell, ReportTable } from '../report-document';

export function htmlTable(table: ReportTable): string {
  const numericColumn = table.columns.map(
    (_, column) => table.rows.length > 0 && table.rows.every((row) => typeof (row[column] ?? 0) === 'number'),
  );
  const head = table.columns
    .map(
      (column, index) =>
        `<th scope="col"${numericColumn[index] ? ' class="num"' : ''}>${escapeMarkup(column)}</th>`,
    )
    .join('');
  const body = table.rows.length
    ? table.rows
        .map(
          (row) =>
            `<tr>${table.columns.map((_, index) => htmlCell(row[index], numericColumn[index])).join('')}</tr>`,
        )
        .join('')
    : `<tr><td class="empty" colspan="${Math.max(1, table.columns.length)}">(none)</td></tr>`;
  return (
    `<div class="table-scroll"><table><caption>${escapeMarkup(table.caption)}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`
  );
}

function htmlCell(cell: Cell | undefined, numericColumn: boolean): string {
  if (cell === null || cell === undefined)
    return `<td class="${numericColumn ? 'num empty' : 'empty'}">–</td>`;
  if (typeof cell === 'number') return `<td class="num">${escapeMarkup(formatNumber(cell))}</td>`;
  return `<td>${escapeMarkup(cell)}</td>`;
}
