import type { Output } from '../../output';
import { redrawInPlace } from '../../redraw-in-place';
import { watchScreen } from './watch-screen';
import type { WatchView } from './watch-view';

/**
 * On a terminal, every view redrawn in place. Elsewhere (a pipe, a log file), a screen only when
 * something on it other than the clock changed, a blank line before each: an idle cloud writes
 * nothing, a busy one a block a second. Nothing is written there before the first metrics frame
 * unless the connection is in trouble.
 */
export function watchPrinter(output: Output): (view: WatchView) => void {
  let previous: string | undefined;
  return (view) => {
    const { terminal } = output;
    if (terminal) {
      const screen = watchScreen(view);
      if (screen !== previous) output.out(redrawInPlace(screen, terminal, previous === undefined));
      previous = screen;
      return;
    }
    const settingUp = view.connection.state === 'connecting' || view.connection.state === 'live';
    if (view.samples.length === 0 && settingUp) return;
    const withoutClock = watchScreen({ ...view, lastFrameAt: null });
    if (withoutClock === previous) return;
    output.out(`${previous === undefined ? '' : '\n'}${watchScreen(view)}`);
    previous = withoutClock;
  };
}
