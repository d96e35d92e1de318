import type {Manifest} from './manifest.types.js';

/*
 * The hashes: the manifest's (which manifest a visitor answered), over its canonical JSON, and a
 * short checksum for a purpose's fingerprint and the stored record.
 */

/**
 * The manifest as canonical JSON: object keys sorted (by UTF-16 code units), no white space,
 * `undefined` fields left out. For the values a manifest holds (strings, integers, booleans,
 * arrays, objects) this is the JSON Canonicalization Scheme (RFC 8785).
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const json = value as Record<string, unknown>;
    const keys = Object.keys(json)
      .filter((k) => json[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(json[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const hashes = new WeakMap<Manifest, string>();

/**
 * Which manifest the visitor answered: FNV-1a 64 over the UTF-8 bytes of its canonical JSON
 * (as checked, defaults filled in, `$schema` and `$comment` left out), 16 hex digits. A short,
 * standard hash anyone can recompute in a few lines from an archived manifest; it tells the
 * site's own manifest versions apart (no accidental collision in practice), it is not a
 * cryptographic seal: the site owner writes both the manifest and the log. SHA-256 would need
 * `crypto.subtle`, which is asynchronous and missing on plain-http pages.
 */
export function manifestHash(manifest: Manifest): string {
  let hash = hashes.get(manifest);
  if (hash === undefined) hashes.set(manifest, (hash = fnv1a64(canonicalJson(manifest))));
  return hash;
}

/**
 * FNV-1a, 64 bits, over the UTF-8 bytes of `text`: 16 hex digits. The 64-bit product by the
 * prime 2^40 + 435 is done on four 16-bit limbs: BigInt would allocate at every byte.
 */
export function fnv1a64(text: string): string {
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of new TextEncoder().encode(text)) {
    h0 ^= byte;
    const t0 = h0 * 435;
    const t1 = h1 * 435 + (t0 >>> 16);
    const t2 = h2 * 435 + (h0 << 8) + (t1 >>> 16);
    h3 = (h3 * 435 + (h1 << 8) + (t2 >>> 16)) & 0xffff;
    h2 = t2 & 0xffff;
    h1 = t1 & 0xffff;
    h0 = t0 & 0xffff;
  }
  return [h3, h2, h1, h0].map((h) => h.toString(16).padStart(4, '0')).join('');
}

/** FNV-1a, 32 bits: catches a hand-edited value, not an attacker (who could recompute it). */
export function checksum(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
