import {holdsChildren} from '../../src/core/held-kinds.js';

/*
 * The start tags of an HTML page, with their attributes and line numbers: enough for `explain
 * --page` and `scan` to find tagged scripts and embeds, and what a `<noscript>` holds, without a
 * browser. Comments are skipped, and so is the raw text of <script>, <style>, <textarea> and
 * <title>, where a `<` is not a tag. The content of a `<noscript>` is read as tags (what a
 * browser with JavaScript off makes of it), each marked with the `<noscript>`'s line.
 */

export interface StartTag {
  name: string;
  attributes: Map<string, string>;
  line: number;
  /** The text up to the matching end tag, for raw-text elements (an inline script's code). */
  text?: string;
  /** Inside a `<noscript>`: the line of that `<noscript>`. */
  noscript?: number;
  /** Inside an element whose children hold URLs for it (a `<video>`, a `<picture>`: src/core/held-kinds.ts): that element. */
  inside?: StartTag;
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;
const ENTITIES: Record<string, string> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0'};

export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

export function startTags(html: string): StartTag[] {
  const tags: StartTag[] = [];
  let line = 1;
  let i = 0;
  // The `<noscript>` being read: where it ends, and its line.
  let noscript: {end: number; line: number} | undefined;
  // The element whose children hold URLs for it being read (a `<video>`), and where it ends.
  let holder: {end: number; tag: StartTag} | undefined;
  const advanceTo = (end: number) => {
    for (; i < end; i++) if (html[i] === '\n') line++;
  };
  while (i < html.length) {
    const open = html.indexOf('<', i);
    if (open < 0) break;
    advanceTo(open);
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      advanceTo(close < 0 ? html.length : close + 3);
      continue;
    }
    const name = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(i, i + 64))?.[1]?.toLowerCase();
    if (!name) {
      // An end tag, a doctype, a processing instruction or a lone "<": skip to its ">".
      const close = html.indexOf('>', i + 1);
      advanceTo(close < 0 ? html.length : close + 1);
      continue;
    }
    if (noscript && i >= noscript.end) noscript = undefined;
    if (holder && i >= holder.end) holder = undefined;
    const tag: StartTag = {
      name,
      attributes: new Map(),
      line,
      ...(noscript ? {noscript: noscript.line} : {}),
      ...(holder ? {inside: holder.tag} : {}),
    };
    let j = i + 1 + name.length;
    for (;;) {
      while (j < html.length && /[\s/]/.test(html[j])) j++;
      if (j >= html.length || html[j] === '>') break;
      ATTRIBUTE.lastIndex = j;
      const match = ATTRIBUTE.exec(html);
      if (!match) {
        j++;
        continue;
      }
      const key = match[1].toLowerCase();
      if (!tag.attributes.has(key)) tag.attributes.set(key, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
      j = ATTRIBUTE.lastIndex;
    }
    advanceTo(Math.min(j + 1, html.length));
    if (RAW_TEXT.has(name)) {
      const endTag = new RegExp(`</${name}`, 'gi');
      endTag.lastIndex = i;
      const stop = endTag.exec(html)?.index ?? html.length;
      tag.text = html.slice(i, stop);
      advanceTo(stop);
    }
    if (name === 'noscript' && !noscript) {
      const endTag = /<\/noscript/gi;
      endTag.lastIndex = j;
      noscript = {end: endTag.exec(html)?.index ?? html.length, line: tag.line};
    }
    if (holdsChildren(name) && !holder) {
      const endTag = new RegExp(`</${name}`, 'gi');
      endTag.lastIndex = j;
      holder = {end: endTag.exec(html)?.index ?? html.length, tag};
    }
    tags.push(tag);
  }
  return tags;
}
