import type {Page} from 'puppeteer-core';

/*
 * What the scripts of every frame did, recorded in the page itself: `instrument` runs before them,
 * `readFrames` reads what it recorded.
 */

/** What a frame's scripts did, as recorded by `instrument` (script: the innermost http(s) script on the stack). */
export interface FrameLog {
  origin: string;
  url: string;
  local: string[];
  session: string[];
  databases: string[];
  writes: {area: 'localStorage' | 'sessionStorage'; key: string; script?: string}[];
  cookieWrites: {name: string; script?: string}[];
  cookieReads: {names: string[]; script?: string}[];
  /** The consent-change events seen in this frame, newest last. */
  choices: {method: string; categories: Record<string, boolean>}[];
}

/**
 * Runs in every frame before its scripts: records storage writes (keys removed again before the
 * scan ends too), cookie writes and reads through `document.cookie` and `cookieStore`, each with the
 * script that made it, and the banner's `consent-change` events. One function, whole: puppeteer
 * sends its source to each frame, so it can call nothing outside itself.
 */
export function instrument() {
  const log = {
    writes: [] as {area: string; key: string; script?: string}[],
    cookieWrites: [] as {name: string; script?: string}[],
    cookieReads: [] as {names: string[]; script?: string}[],
    choices: [] as {method: string; categories: Record<string, boolean>}[],
    ready: false,
  };
  (window as unknown as {__consentScan: typeof log}).__consentScan = log;
  const seenReads = new Set<string>();
  const seenWrites = new Set<string>();
  // The innermost frame with an http(s) URL (`at f (https://x/a.js?b=http://c:1:2:3)` → https://x/a.js?b=http://c:1).
  const script = () => {
    for (const line of (new Error().stack ?? '').split('\n')) {
      const found = /(https?:\/\/[^\s()]+):\d+:\d+\)?\s*$/.exec(line);
      if (found) return found[1];
    }
    return undefined;
  };
  const names = (value: string) =>
    value
      .split(/;\s*/)
      .filter(Boolean)
      .map((pair) => (pair.includes('=') ? pair.slice(0, pair.indexOf('=')) : pair).trim());
  const read = (found: string[]) => {
    if (!found.length) return;
    const entry = {names: [...new Set(found)].sort(), script: script()};
    const key = `${entry.script} ${entry.names.join(' ')}`;
    if (seenReads.has(key) || seenReads.size > 2000) return;
    seenReads.add(key);
    log.cookieReads.push(entry);
  };
  const wrote = (name: string) => {
    const entry = {name, script: script()};
    const key = `${entry.script} ${name}`;
    if (seenWrites.has(key) || seenWrites.size > 2000) return;
    seenWrites.add(key);
    log.cookieWrites.push(entry);
  };

  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key: string, value: string) {
    try {
      log.writes.push({area: this === window.sessionStorage ? 'sessionStorage' : 'localStorage', key: String(key), script: script()});
    } catch {
      // A sandboxed frame may not read its storage: the write below says what happens.
    }
    return setItem.call(this, key, value);
  };

  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (cookie?.get && cookie.set) {
    const {get, set} = cookie;
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      enumerable: cookie.enumerable,
      get(this: Document) {
        const value = get.call(this) as string;
        try {
          read(names(value));
        } catch {
          // Recording never changes what the page sees.
        }
        return value;
      },
      set(this: Document, value: string) {
        try {
          wrote(names(String(value))[0] ?? '');
        } catch {
          // As above.
        }
        set.call(this, value);
      },
    });
  }

  const store = (globalThis as unknown as {CookieStore?: {prototype: Record<string, (...args: unknown[]) => Promise<unknown>>}})
    .CookieStore;
  if (store) {
    const proto = store.prototype;
    for (const method of ['get', 'getAll'] as const) {
      const original = proto[method];
      if (typeof original !== 'function') continue;
      proto[method] = function (this: unknown, ...args: unknown[]) {
        const at = script();
        const result = original.apply(this, args);
        void result.then(
          (found) => {
            const list = (Array.isArray(found) ? found : found ? [found] : []) as {name: string}[];
            const entry = {names: list.map((c) => c.name), script: at};
            if (entry.names.length) log.cookieReads.push(entry);
          },
          () => undefined
        );
        return result;
      };
    }
    const originalSet = proto.set;
    if (typeof originalSet === 'function') {
      proto.set = function (this: unknown, ...args: unknown[]) {
        const first = args[0] as string | {name?: string};
        log.cookieWrites.push({name: typeof first === 'string' ? first : String(first?.name ?? ''), script: script()});
        return originalSet.apply(this, args);
      };
    }
  }

  for (const type of ['consent-ready', 'consent-error']) document.addEventListener(type, () => (log.ready = true), true);
  document.addEventListener(
    'consent-change',
    (event) => {
      const detail = (event as CustomEvent<{method: string; categories: Record<string, boolean>}>).detail;
      log.choices.push({method: detail?.method, categories: {...detail?.categories}});
    },
    true
  );
}

async function readFrameLog(): Promise<FrameLog> {
  const keys = (area: () => Storage) => {
    try {
      return Object.keys(area());
    } catch {
      return [];
    }
  };
  let databases: string[] = [];
  try {
    databases = ((await indexedDB.databases?.()) ?? []).map((d) => d.name ?? '').filter(Boolean);
  } catch {
    // Opaque origins have no IndexedDB.
  }
  const log = (window as unknown as {__consentScan?: Pick<FrameLog, 'writes' | 'cookieWrites' | 'cookieReads' | 'choices'>}).__consentScan;
  return {
    // self.origin, not location.origin: an about:blank frame shares its parent's storage and origin.
    origin: self.origin,
    url: location.href,
    local: keys(() => localStorage),
    session: keys(() => sessionStorage),
    databases,
    writes: log?.writes ?? [],
    cookieWrites: log?.cookieWrites ?? [],
    cookieReads: log?.cookieReads ?? [],
    choices: log?.choices ?? [],
  };
}

/** Every frame's log; a frame that navigated away meanwhile has nothing to say. */
export async function readFrames(page: Page): Promise<FrameLog[]> {
  const frames: FrameLog[] = [];
  for (const frame of page.frames()) {
    if (frame.detached) continue;
    try {
      frames.push(await frame.evaluate(readFrameLog));
    } catch {
      // Detached or navigating.
    }
  }
  return frames;
}
