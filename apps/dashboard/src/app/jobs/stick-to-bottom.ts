import { Directive, ElementRef, afterRenderEffect, inject, input, signal } from '@angular/core';

/** Within this many pixels of the end counts as at the end (fractional scroll positions, borders). */
const SLACK_PX = 8;

/**
 * Keeps a scrolling element at its end as content is added, like a terminal: scrolling up stops it,
 * scrolling back to the end (or `toEnd`) starts it again.
 */
@Directive({
  selector: '[stratoStickToBottom]',
  exportAs: 'stickToBottom',
  host: { '(scroll)': 'onScroll()' },
})
export class StickToBottom {
  /** What the content is made of: each change, once rendered, scrolls to the end while stuck. */
  readonly stratoStickToBottom = input.required<unknown>();

  private readonly element: HTMLElement = inject(ElementRef).nativeElement;
  private readonly atEnd = signal(true);

  readonly stuck = this.atEnd.asReadonly();

  constructor() {
    afterRenderEffect({
      write: () => {
        this.stratoStickToBottom();
        if (this.atEnd()) this.element.scrollTop = this.element.scrollHeight;
      },
    });
  }

  toEnd(): void {
    this.atEnd.set(true);
    this.element.scrollTop = this.element.scrollHeight;
  }

  protected onScroll(): void {
    const { scrollHeight, scrollTop, clientHeight } = this.element;
    this.atEnd.set(scrollHeight - scrollTop - clientHeight <= SLACK_PX);
  }
}
