import {heldBy, heldCode, INERT_TYPE, isVoid, runsCode} from '../../src/core/held-kinds.js';
import {escapeAttribute, isAttributeName} from '../../src/core/tag-snippet.js';
import type {StartTag} from './html-tags.js';

/*
 * How to tag an element of a page so that it waits for consent (README, "Tag your trackers"): the
 * element as the page has it, rewritten. A script gets `type="text/plain"` (a module keeps its
 * type in `data-type`); any other element moves each URL it would load into the `data-` attribute
 * of the same name; both get `data-service`. `scan` and `explain` give it as the fix of what
 * leaks, so that the site owner pastes it in place of the element.
 */

/**
 * The attributes through which an element loads something (the gate's own, src/core/held-kinds.ts):
 * its kind's, or, for a child that holds URLs for the element around it (a `<source>` of a
 * `<video>`), what that element's kind holds in its children.
 */
const loads = (tag: StartTag) => {
  const own = heldBy(tag.name, tag.name);
  return own.length || !tag.inside ? own : heldBy(tag.name, tag.inside.name);
};

const JAVASCRIPT = /^(|module|(text|application)\/(java|ecma)script)$/i;

const serialize = (name: string, attributes: [string, string][]) =>
  `<${name}${attributes
    .filter(([key]) => isAttributeName(key))
    .map(([key, value]) => (value === '' && key !== 'alt' && key !== 'title' ? ` ${key}` : ` ${key}="${escapeAttribute(value)}"`))
    .join('')}>`;

/**
 * The element that carries the tag for `tag`: the element around it when it holds URLs for that
 * one (a `<source>` of a `<video>`, the `<img>` of a `<picture>`), else itself; with the children
 * of `tags` that hold URLs for it, to write inside it.
 */
export function holderOf(tag: StartTag, tags: StartTag[]): [StartTag, StartTag[]] {
  const owner = tag.inside && heldBy(tag.name, tag.inside.name).length ? tag.inside : tag;
  return [owner, tags.filter((child) => child.inside === owner && heldBy(child.name, owner.name).length)];
}

/** An element's own attributes, each through which it loads something moved to `data-`. */
const held = (tag: StartTag, attributes: [string, string][]) =>
  attributes.map(([key, value]): [string, string] => [loads(tag).includes(key) ? `data-${key}` : key, value]);

/**
 * The element `tag` tagged for service `id`: the page's own attributes kept, in their order, with
 * what holds it back. An inline script's code is left out (`…its code, unchanged…`). `children`:
 * those that hold URLs for it (the `<source>` and `<img>` of a `<picture>`), written inside it.
 */
export function taggedElement(tag: StartTag, id: string, children: StartTag[] = []): string {
  const own = [...tag.attributes].filter(([key]) => key !== 'data-service' && key !== 'data-category');
  let attributes: [string, string][];
  const code = runsCode(tag.name);
  if (code) {
    const type = tag.attributes.get('type')?.trim() ?? '';
    const kept = own.filter(([key]) => key !== 'type');
    const realType: [string, string][] =
      type && type.toLowerCase() !== INERT_TYPE && !/^(text|application)\/(java|ecma)script$/i.test(type) ? [['data-type', type]] : [];
    attributes = [['type', INERT_TYPE], ...realType, ['data-service', id], ...kept];
  } else {
    attributes = [...held(tag, own), ['data-service', id]];
  }
  const open = serialize(tag.name, attributes);
  if (code) return `${open}${tag.attributes.has('src') ? '' : '…its code, unchanged…'}</${tag.name}>`;
  if (isVoid(tag.name)) return open;
  return `${open}${children.map((child) => serialize(child.name, held(child, [...child.attributes]))).join('')}</${tag.name}>`;
}

/** An inline script of the page, tagged: its code stays as it is. */
export const taggedInlineScript = (id: string, type?: string) =>
  heldCode(
    `${type && !JAVASCRIPT.test(type) ? ` data-type="${escapeAttribute(type)}"` : ''} data-service="${escapeAttribute(id)}"`,
    '…its code, unchanged…'
  );

/** A script of another site, tagged when the page's HTML does not show it (it was added by another script). */
export const taggedScript = (id: string, src: string) =>
  heldCode(` data-service="${escapeAttribute(id)}" src="${escapeAttribute(src)}"`, '');

/** The URLs an element of the page would load, resolved against the page (`srcset`: each candidate). */
export function loadedUrls(tag: StartTag, base: string): string[] {
  const names = runsCode(tag.name) ? ['src'] : loads(tag);
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
