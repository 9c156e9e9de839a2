import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

@Component({
  selector: 'strato-token-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form (submit)="submit($event, tokenInput.value)">
      <label for="owner-token">Owner token</label>
      <input
        #tokenInput
        id="owner-token"
        type="password"
        autocomplete="off"
        spellcheck="false"
        placeholder="paste the owner token"
        [value]="token()"
      />
      <button type="submit">Save</button>
    </form>
  `,
  styles: `
    :host {
      display: block;
      max-width: 100%;
    }
    form {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    label {
      white-space: nowrap;
      font-size: 0.8rem;
      color: var(--muted);
    }
    input {
      flex: 0 1 14rem;
      width: 14rem;
      min-width: 0;
      padding: 0.35rem 0.55rem;
      font: inherit;
      font-size: 0.875rem;
      border: 1px solid var(--border);
      border-radius: 6px;
    }
    button {
      padding: 0.35rem 0.8rem;
      font: inherit;
      font-size: 0.875rem;
      font-weight: 600;
      color: var(--on-accent);
      background: var(--accent);
      border: none;
      border-radius: 6px;
      cursor: pointer;
    }
    button:hover {
      background: var(--accent-strong);
    }
  `,
})
export class TokenForm {
  readonly token = input('');
  readonly saved = output<string>();

  protected submit(event: Event, value: string): void {
    event.preventDefault();
    this.saved.emit(value);
  }
}
