import {
  ChangeDetectionStrategy,
  Component,
  type ElementRef,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import type { Node } from '@strato/api-client';
import { messageOf, PendingAction } from './pending-action';
import { PodCommands } from './pod-commands';
import { firstNewNode, suggestNodeName } from './node-name';

type Step = 'registering' | 'launching';

/** Registers a node in the pod and launches it; launches the oldest NEW node on its own too. */
@Component({
  selector: 'strato-add-node-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  template: `
    <form class="add-node" (submit)="add($event)">
      <label for="node-name">New node</label>
      <input
        #nameInput
        id="node-name"
        name="node-name"
        autocomplete="off"
        spellcheck="false"
        aria-describedby="node-name-hint"
        [formControl]="name"
        [placeholder]="suggested()"
      />
      <button type="submit" [disabled]="busy()">{{ addLabel() }}</button>
      @if (nextNew(); as next) {
        <button
          type="button"
          class="secondary"
          [disabled]="busy()"
          aria-describedby="launch-hint"
          (click)="launch()"
        >
          {{ launching.busy() ? 'Launching…' : 'Launch' }}
        </button>
        <span id="launch-hint" class="hint">starts {{ next.name }}, the oldest NEW node</span>
      }
    </form>
    <p id="node-name-hint" class="hint">Left empty, the node is named {{ suggested() }}.</p>
    @if (elasticityOn()) {
      <p class="hint">
        Elasticity manages this pod’s nodes: while it is on the manager refuses to add, launch or remove them
        by hand.
      </p>
    }
    @if (adding.message() ?? launching.message(); as message) {
      <p class="action-error" role="alert">{{ message }}</p>
    }
    @if (result(); as result) {
      <p class="action-result" role="status">{{ result }}</p>
    }
  `,
  styleUrl: './controls.css',
  styles: `
    .add-node {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem;
    }
    input {
      flex: 0 1 12rem;
      width: 12rem;
    }
  `,
})
export class AddNodeForm {
  private readonly commands = inject(PodCommands);
  readonly pod = input.required<string>();
  readonly nodes = input.required<readonly Node[]>();
  readonly elasticityOn = input(false);

  protected readonly name = new FormControl('', { nonNullable: true });
  protected readonly adding = new PendingAction();
  protected readonly launching = new PendingAction();
  protected readonly step = signal<Step | null>(null);
  protected readonly result = signal<string | null>(null);
  protected readonly suggested = computed(() => suggestNodeName(this.pod(), this.nodes()));
  protected readonly nextNew = computed(() => firstNewNode(this.nodes()));
  protected readonly busy = computed(() => this.adding.busy() || this.launching.busy());
  protected readonly addLabel = computed(() => {
    const step = this.step();
    return step === 'registering' ? 'Registering…' : step === 'launching' ? 'Launching…' : 'Add node';
  });
  private readonly nameInput = viewChild.required<ElementRef<HTMLInputElement>>('nameInput');

  focus(): void {
    this.nameInput().nativeElement.focus();
  }

  protected async add(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy()) return;
    const name = this.name.value.trim() || this.suggested();
    this.result.set(null);
    const added = await this.adding.run(async () => {
      this.step.set('registering');
      await this.commands.registerNode(name);
      this.step.set('launching');
      const launched = await this.commands.launch().catch((error: unknown) => {
        throw new Error(`${name} is registered but did not launch: ${messageOf(error)}`);
      });
      this.result.set(describeLaunch(launched, name));
    });
    this.step.set(null);
    if (added) this.name.reset();
  }

  protected async launch(): Promise<void> {
    this.result.set(null);
    await this.launching.run(async () => this.result.set(describeLaunch(await this.commands.launch())));
  }
}

/** The route launches the oldest NEW node, which is not the one just added when others wait. */
function describeLaunch(launched: Node, added?: string): string {
  if (added === undefined || launched.name === added) return `Launched ${launched.name}.`;
  return `Launched ${launched.name}, the oldest NEW node; ${added} waits as NEW: press Launch to start it.`;
}
