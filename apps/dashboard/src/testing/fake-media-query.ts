/** A `matchMedia` answer the test flips, as the system does when its colour scheme changes. */
export class FakeMediaQueryList extends EventTarget implements MediaQueryList {
  onchange: ((this: MediaQueryList, event: MediaQueryListEvent) => unknown) | null = null;

  constructor(
    readonly media: string,
    public matches: boolean,
  ) {
    super();
  }

  flip(matches: boolean): void {
    this.matches = matches;
    this.dispatchEvent(Object.assign(new Event('change'), { matches, media: this.media }));
  }

  /** Deprecated in the DOM, there for the interface. */
  addListener(): void {
    throw new Error('use addEventListener');
  }

  removeListener(): void {
    throw new Error('use removeEventListener');
  }
}
