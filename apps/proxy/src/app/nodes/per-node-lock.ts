/** Runs one operation per node id at a time, in call order; operations on different ids run side by side. */
export class PerNodeLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(nodeId: string, operation: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(nodeId) ?? Promise.resolve()).then(operation);
    const tail = result.catch(() => undefined);
    this.tails.set(nodeId, tail);
    void tail.then(() => {
      if (this.tails.get(nodeId) === tail) this.tails.delete(nodeId);
    });
    return result;
  }
}
