/*
 * JSON text with positions: where each JSON path of the runtime check (`categories[2].basis`)
 * sits in the file, so the manifest check of JSON text (manifest-check.ts: `consent-banner
 * validate`, `consent-banner/core`) can say `cookie-manifest.json:41:9`. A small reader walks
 * the text once (it also gives syntax errors a line and column on every Node version); the
 * value itself comes from JSON.parse, so both agree on what the file means. Pure: no page, no Node.
 */

export interface Position {
  line: number;
  column: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: Position
  ) {
    super(message);
  }
}

export interface JsonSource {
  value: unknown;
  /** Where `path` starts (its key, for a member); a missing member points at its parent. */
  locate(path: string): Position;
  /** Keys given twice in one object: JSON.parse keeps the last. */
  duplicates: {path: string; position: Position}[];
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/** `categories[2].basis` → `['categories', 2, 'basis']`; `manifest` (the root) → `[]`. */
export function splitPath(path: string): (string | number)[] {
  if (path === 'manifest' || path === '') return [];
  const parts: (string | number)[] = [];
  for (const [, key, index] of path.matchAll(/\.?([^.[\]]+)|\[(\d+)\]/g)) {
    parts.push(index !== undefined ? Number(index) : key);
  }
  return parts;
}

const joinPath = (parts: (string | number)[]) => parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');

/**
 * The position of an offset of `text`, found by a binary search in the starts of its lines
 * (counted once): a file with 150,000 keys given twice took 149 s when each was counted from the top.
 */
function positions(text: string): (offset: number) => Position {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return {line: low + 1, column: offset - starts[low] + 1};
  };
}

/** How deep values may nest. A manifest needs 5 levels; a file nested 10,000 deep overflowed the stack. */
const MAX_DEPTH = 100;

/** Reads JSON text; throws a JsonSyntaxError (with its line and column) when it is not JSON. */
export function readJson(source: string): JsonSource {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const positionAt = positions(text);
  const places = new Map<string, number>();
  const duplicates: {path: string; offset: number}[] = [];
  let i = 0;

  const fail = (message: string): never => {
    const found = i < text.length ? `found ${JSON.stringify(text[i])}` : 'found the end of the file';
    throw new JsonSyntaxError(`invalid JSON: ${message}, ${found}`, positionAt(i));
  };
  const skip = () => {
    while (i < text.length && WHITESPACE.has(text[i])) i++;
  };
  const string = (): string => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail('control character in a string');
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail('unterminated string');
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      i = start;
      return fail('bad escape in a string');
    }
  };
  const value = (path: (string | number)[]): void => {
    skip();
    if (path.length > MAX_DEPTH) fail(`values nested more than ${MAX_DEPTH} deep`);
    const key = joinPath(path);
    if (!places.has(key)) places.set(key, i);
    const c = text[i];
    if (c === '{') {
      i++;
      skip();
      const seen = new Set<string>();
      if (text[i] === '}') return void i++;
      for (;;) {
        skip();
        const at = i;
        if (text[i] !== '"') fail('expected a property name in double quotes');
        const name = string();
        const child = [...path, name];
        if (seen.has(name)) duplicates.push({path: joinPath(child), offset: at});
        seen.add(name);
        places.set(joinPath(child), at);
        skip();
        if (text[i] !== ':') fail(`expected ":" after "${name}"`);
        i++;
        value(child);
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      skip();
      if (text[i] === ']') return void i++;
      for (let n = 0; ; n++) {
        value([...path, n]);
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') return void i++;
        fail('expected "," or "]"');
      }
    }
    if (c === '"') return void string();
    LITERAL.lastIndex = i;
    const literal = LITERAL.exec(text);
    if (!literal) fail('expected a value');
    i += literal![0].length;
  };

  value([]);
  skip();
  if (i < text.length) fail('unexpected text after the JSON value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new JsonSyntaxError(`invalid JSON: ${(error as Error).message}`, {line: 1, column: 1});
  }
  return {
    value: parsed,
    locate(path) {
      const parts = splitPath(path);
      for (let n = parts.length; n >= 0; n--) {
        const offset = places.get(joinPath(parts.slice(0, n)));
        if (offset !== undefined) return positionAt(offset);
      }
      return {line: 1, column: 1};
    },
    duplicates: duplicates.map((d) => ({path: d.path, position: positionAt(d.offset)})),
  };
}
