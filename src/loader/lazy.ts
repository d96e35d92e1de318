/*
 * Loaded once, on first use: what the element does with its session and the session with its
 * recorder. `get()` starts the load (once) and gives its promise; `ready` is the value once it is
 * there; `use(run)` runs at once on a value that is ready (a decision is then recorded before the
 * call returns), else once the value is loaded. A load that yields `undefined` (it failed, and said
 * so) runs nothing.
 */
export interface Lazy<T> {
  /** The load, started on the first call. */
  get(): Promise<T | undefined>;
  /** The value, once loaded. */
  readonly ready: T | undefined;
  /** The load, if it was started. */
  readonly started: Promise<T | undefined> | undefined;
  /** `run` on the value: at once when it is ready, else once it is loaded. */
  use<R>(run: (value: T) => R): Promise<Awaited<R> | undefined>;
}

export function lazy<T>(load: () => Promise<T | undefined>): Lazy<T> {
  const self: {-readonly [K in keyof Lazy<T>]: Lazy<T>[K]} = {
    ready: undefined,
    started: undefined,
    get: () => (self.started ??= load().then((value) => (self.ready = value))),
    use: <R>(run: (value: T) => R) =>
      (self.ready ? Promise.resolve(run(self.ready)) : self.get().then((value) => value && run(value))) as Promise<Awaited<R> | undefined>,
  };
  return self;
}
