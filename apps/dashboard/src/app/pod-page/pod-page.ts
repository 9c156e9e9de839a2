import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  untracked,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import { PodCharts } from '../charts/pod-charts';
import { pollWhileVisible } from '../cloud/poll-while-visible';
import { OwnerTokenStore } from '../cloud/owner-token.store';
import { AddNodeForm } from './add-node-form';
import { ElasticityDecision } from './elasticity-decision';
import { ElasticityForm } from './elasticity-form';
import { NodeTable } from './node-table';
import { PodCommands } from './pod-commands';
import { PodControls } from './pod-controls';
import { PodHeader } from './pod-header';
import { PodPageStore } from './pod-page.store';

/** Changes come on the live stream; this poll keeps the use and balancer numbers fresh. */
const NUMBERS_EVERY_MS = 5000;

/** One pod: its nodes, their use, and the owner's actions on them. */
@Component({
  selector: 'strato-pod-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  providers: [PodPageStore, PodCommands],
  imports: [
    AddNodeForm,
    ElasticityDecision,
    ElasticityForm,
    NodeTable,
    PodCharts,
    PodControls,
    PodHeader,
    RouterLink,
  ],
  templateUrl: './pod-page.html',
  styleUrls: ['./controls.css', './pod-page.css'],
})
export class PodPage {
  /** The pod's name, from the route. */
  readonly pod = input.required<string>();

  protected readonly store = inject(PodPageStore);
  private readonly token = inject(OwnerTokenStore).value;
  private readonly addNode = viewChild(AddNodeForm);

  constructor() {
    effect(() => {
      const pod = this.pod();
      this.token();
      untracked(() => void this.store.open(pod));
    });
    pollWhileVisible(() => this.store.poll(), NUMBERS_EVERY_MS);
  }

  protected focusAddNode(): void {
    this.addNode()?.focus();
  }
}
