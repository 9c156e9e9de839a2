import { escapeMarkup } from '../escape-markup';
import { SeriesStyle } from './palette';

export function seriesPath(name: string, d: string, style: SeriesStyle): string {
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
  return (
    `<path class="series" data-series="${escapeMarkup(name)}" d="${d}" fill="none" stroke="${style.color}" ` +
    `stroke-width="2" stroke-linejoin="round" stroke-linecap="round"${dash}/>`
  );
}
