import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { Share } from './node-numbers';

/** A bar filled to how much of its cap a node uses, with the numbers beside it. */
@Component({
  selector: 'strato-usage-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (percent() !== null) {
      <span
        class="track"
        role="meter"
        aria-valuemin="0"
        aria-valuemax="100"
        [attr.aria-valuenow]="percent()"
        [attr.aria-valuetext]="share().text"
        [attr.aria-label]="label()"
      >
        <span class="fill" [class.over]="over()" [style.width.%]="filled()"></span>
      </span>
    }
    <span class="text">{{ share().text }}</span>
  `,
  styles: `
    :host {
      display: grid;
      gap: 0.2rem;
      min-width: 6.5rem;
    }
    .track {
      display: block;
      height: 0.4rem;
      border-radius: 999px;
      background: var(--border-soft);
      box-shadow: inset 0 0 0 1px var(--border);
      overflow: hidden;
    }
    .fill {
      display: block;
      height: 100%;
      background: var(--accent);
    }
    .fill.over {
      background: var(--danger);
    }
    .text {
      font-size: 0.75rem;
      color: var(--muted);
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class UsageBar {
  readonly share = input.required<Share>();
  /** What the bar measures, for screen readers: "CPU of light-1". */
  readonly label = input.required<string>();

  protected readonly percent = computed(() => {
    const fraction = this.share().fraction;
    return fraction === null ? null : Math.round(fraction * 100);
  });
  protected readonly filled = computed(() => Math.min(100, this.percent() ?? 0));
  /** Above its cap: the host does not enforce it, or the sample straddled a change. */
  protected readonly over = computed(() => (this.percent() ?? 0) > 100);
}
