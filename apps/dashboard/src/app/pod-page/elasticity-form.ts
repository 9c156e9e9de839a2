import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import type { Elasticity } from '@strato/api-client';
import { NO_PROBLEMS, formProblems } from './elasticity-field-errors';
import {
  fieldsOf,
  METRICS,
  NUMBER_FIELDS,
  type NumberFieldName,
  POLICY_KINDS,
  type PolicyKind,
  type ScalingMetric,
} from './elasticity-fields';
import { changeFromForm, formFromPolicy, type PolicyForm } from './elasticity-policy';
import { PendingAction } from './pending-action';
import { PodCommands } from './pod-commands';

type Request = 'save' | 'on' | 'off';

const numberControls = () =>
  Object.fromEntries(NUMBER_FIELDS.map(({ name }) => [name, new FormControl<number | null>(null)])) as Record<
    NumberFieldName,
    FormControl<number | null>
  >;

/** The pod's elasticity policy, to change and to turn on or off; the manager's refusals on the fields. */
@Component({
  selector: 'strato-elasticity-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  templateUrl: './elasticity-form.html',
  styleUrls: ['./controls.css', './elasticity-form.css'],
})
export class ElasticityForm {
  private readonly commands = inject(PodCommands);
  readonly elasticity = input.required<Elasticity>();

  protected readonly kinds = Object.entries(POLICY_KINDS);
  protected readonly metrics = Object.entries(METRICS);
  protected readonly form = new FormGroup({
    kind: new FormControl<PolicyKind>('threshold', { nonNullable: true }),
    metric: new FormControl<ScalingMetric>('cpu', { nonNullable: true }),
    ...numberControls(),
  });
  private readonly kind = toSignal(this.form.controls.kind.valueChanges, {
    initialValue: this.form.controls.kind.value,
  });
  protected readonly fields = computed(() => fieldsOf(this.kind()));
  protected readonly request = new PendingAction();
  protected readonly running = signal<Request | null>(null);
  protected readonly saved = signal(false);
  protected readonly problems = computed(() => {
    const failure = this.request.failure();
    if (failure === null) return NO_PROBLEMS;
    return formProblems(failure, ['kind', 'metric', ...this.fields().map((field) => field.name)]);
  });

  constructor() {
    // Follow the manager, unless the owner is editing: their unsaved values win.
    effect(() => {
      const value = formFromPolicy(this.elasticity());
      untracked(() => {
        if (this.form.pristine) this.form.reset(value);
      });
    });
  }

  protected problemOf(field: string): string | null {
    return this.problems().fields[field] ?? null;
  }

  protected save(): void {
    const change = changeFromForm(this.form.getRawValue() as PolicyForm);
    void this.send('save', () => this.commands.saveElasticity(change));
  }

  protected turnOn(): void {
    const { minNodes, maxNodes } = this.form.getRawValue();
    const current = formFromPolicy(this.elasticity());
    const min = minNodes ?? current.minNodes ?? 1;
    const max = maxNodes ?? current.maxNodes ?? min;
    void this.send('on', () => this.commands.enableElasticity(min, max));
  }

  protected turnOff(): void {
    void this.send('off', () => this.commands.disableElasticity());
  }

  private async send(request: Request, task: () => Promise<unknown>): Promise<void> {
    this.saved.set(false);
    this.running.set(request);
    const done = await this.request.run(async () => {
      await task();
      // The page has read the policy again: show it as the manager merged it.
      this.form.reset(formFromPolicy(this.elasticity()));
    });
    this.running.set(null);
    this.saved.set(done);
  }
}
