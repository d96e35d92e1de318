import {escapeAttribute, isAttributeName} from '../../src/core/tag-snippet.js';
import type {StartTag} from './html-tags.js';

/*
 * How to tag an element of a page so that it waits for consent (README, "Tag your trackers"): the
 * element as the page has it, rewritten. A script gets `type="text/plain"` (a module keeps its
 * type in `data-type`); any other element moves each URL it would load into the `data-` attribute
 * of the same name; both get `data-service`. `scan` and `explain` give it as the fix of what
 * leaks, so that the site owner pastes it in place of the element.
 */

/** The attributes through which an element loads something, by element (the gate's own list, README). */
const LOADS: Record<string, string[]> = {
  iframe: ['src'],
  img: ['src', 'srcset'],
  link: ['href'],
  video: ['src', 'poster'],
  audio: ['src'],
  source: ['src', 'srcset'],
  object: ['data'],
  embed: ['src'],
};

const VOID = new Set(['img', 'link', 'source', 'embed']);
const JAVASCRIPT = /^(|module|(text|application)\/(java|ecma)script)$/i;

const serialize = (name: string, attributes: [string, string][]) =>
  `<${name}${attributes
    .filter(([key]) => isAttributeName(key))
    .map(([key, value]) => (value === '' && key !== 'alt' && key !== 'title' ? ` ${key}` : ` ${key}="${escapeAttribute(value)}"`))
    .join('')}>`;

/**
 * The element `tag` tagged for service `id`: the page's own attributes kept, in their order, with
 * what holds it back. An inline script's code is left out (`…its code, unchanged…`).
 */
export function taggedElement(tag: StartTag, id: string): string {
  const own = [...tag.attributes].filter(([key]) => key !== 'data-service' && key !== 'data-category');
  let attributes: [string, string][];
  if (tag.name === 'script') {
    const type = tag.attributes.get('type')?.trim() ?? '';
    const kept = own.filter(([key]) => key !== 'type');
    const realType: [string, string][] = type && !/^text\/plain$/i.test(type) && !/^(text|application)\/(java|ecma)script$/i.test(type) ? [['data-type', type]] : [];
    attributes = [['type', 'text/plain'], ...realType, ['data-service', id], ...kept];
  } else {
    const held = LOADS[tag.name] ?? [];
    attributes = [...own.map(([key, value]): [string, string] => [held.includes(key) ? `data-${key}` : key, value]), ['data-service', id]];
  }
  const open = serialize(tag.name, attributes);
  if (tag.name === 'script') return `${open}${tag.attributes.has('src') ? '' : '…its code, unchanged…'}</script>`;
  return VOID.has(tag.name) ? open : `${open}</${tag.name}>`;
}

/** An inline script of the page, tagged: its code stays as it is. */
export const taggedInlineScript = (id: string, type?: string) =>
  `<script type="text/plain"${type && !JAVASCRIPT.test(type) ? ` data-type="${escapeAttribute(type)}"` : ''} data-service="${escapeAttribute(id)}">…its code, unchanged…</script>`;

/** A script of another site, tagged when the page's HTML does not show it (it was added by another script). */
export const taggedScript = (id: string, src: string) =>
  `<script type="text/plain" data-service="${escapeAttribute(id)}" src="${escapeAttribute(src)}"></script>`;

/** The URLs an element of the page would load, resolved against the page (`srcset`: each candidate). */
export function loadedUrls(tag: StartTag, base: string): string[] {
  const names = tag.name === 'script' ? ['src'] : (LOADS[tag.name] ?? []);
  return names.flatMap((name) => {
    const value = tag.attributes.get(name);
    if (!value) return [];
    const candidates = name === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0]) : [value.trim()];
    return candidates.flatMap((c) => {
      try {
        const url = new URL(c, base);
        return /^https?:$/.test(url.protocol) ? [url.href] : [];
      } catch {
        return [];
      }
    });
  });
}
