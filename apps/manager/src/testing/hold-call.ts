import { deferred } from './deferred';

type MethodName<T> = { [K in keyof T]: T[K] extends (...args: never[]) => unknown ? K : never }[keyof T];

export interface Hold {
  /** Resolves once the held call has been made. */
  reached: Promise<void>;
  /** Lets the held call go on to the real method. */
  release(): void;
}

/**
 * Holds the next call of target[method] (the first one `when` accepts) until release(), so a test can
 * act while an operation waits at that step; every other call goes straight to the real method.
 */
export function holdNextCall<T extends object>(
  target: T,
  method: MethodName<T>,
  when: (...args: never[]) => boolean = () => true,
): Hold {
  const original = (target[method] as (...args: unknown[]) => unknown).bind(target);
  const reached = deferred();
  const gate = deferred();
  let held = false;
  jest.spyOn(target, method as never).mockImplementation((async (...args: never[]) => {
    if (!held && when(...args)) {
      held = true;
      reached.resolve();
      await gate.promise;
    }
    return original(...args);
  }) as never);
  return { reached: reached.promise, release: () => gate.resolve() };
}
