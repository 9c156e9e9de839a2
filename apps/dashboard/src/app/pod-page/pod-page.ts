import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** One pod: its nodes, their use, and the owner's actions on them. */
@Component({
  selector: 'strato-pod-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `<h2>{{ pod() }}</h2>`,
})
export class PodPage {
  /** The pod's name, from the route. */
  readonly pod = input.required<string>();
}
