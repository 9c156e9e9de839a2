import type { TerminalSize } from './output';

const CLEAR_SCREEN = '\x1b[2J';
const HOME = '\x1b[H';
const CLEAR_TO_LINE_END = '\x1b[K';
const CLEAR_BELOW = '\x1b[J';

/**
 * `text` written over the previous screen from the top-left corner, as `top` does: each line overwrites
 * the old one and clears what is left of it, so nothing flickers. Lines are cut to the terminal: a
 * wrapped or scrolled line would shift the next redraw.
 */
export function redrawInPlace(text: string, terminal: TerminalSize, first: boolean): string {
  // One row fewer than the terminal: the newline Output.out ends with would scroll the top row away.
  const lines = text
    .split('\n')
    .slice(0, Math.max(1, terminal.rows - 1))
    .map((line) => line.slice(0, terminal.columns) + CLEAR_TO_LINE_END);
  return `${first ? CLEAR_SCREEN : ''}${HOME}${lines.join('\n')}${CLEAR_BELOW}`;
}
