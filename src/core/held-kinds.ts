/*
 * The kinds of element the script gate holds until consent (README, “Tag your trackers”): the one
 * table of them. Everything else reads it: the gate's selector, what it releases and how, which
 * values go through its Trusted Types policy (src/browser/gate.ts), which held elements get a
 * placeholder (src/loader/consent-banner.ts), the page that `explain` reads and the fixes that
 * `scan` and `explain` write (bin/src/). A tag name of these written anywhere else fails
 * test/node/held-kinds.test.mjs. It ships in the loader: every byte is paid by every visitor.
 */

/** One kind of element the gate holds, keyed by the tag the site owner tags (`data-service`, `data-category`). */
export interface HeldKind {
  /**
   * The attributes it holds back as `data-<name>`, given back when released (`data-src` → `src`),
   * in that order. For a kind released as a copy, the attributes the copy takes from `data-<name>`.
   */
  held: readonly string[];
  /**
   * How it is released: 1, a copy is made that the browser runs, and put in its place (a script:
   * the browser never runs `type="text/plain"`, held by that type); else its attributes are set
   * in place.
   */
  copy?: 1;
  /**
   * Of `held`, what Trusted Types counts as a script URL: given back through the gate's policy (a
   * copy's code, URL and event handlers always are).
   */
  sinks?: readonly string[];
  /** Its children that hold URLs for it, tagged by it: their tag → the attributes they hold. */
  children?: Readonly<Record<string, readonly string[]>>;
  /** 1: once a child is released, it loads again (a media element chooses its source anew). */
  reload?: 1;
  /** 1: while held, a placeholder stands in its place and offers to accept its service (R20). */
  placeholder?: 1;
}

export const HELD_KINDS: Readonly<Record<string, HeldKind>> = {
  // No prototype: a tag such as `constructor` is no kind.
  __proto__: null as never,
  script: {held: ['type', 'src'], copy: 1},
  iframe: {held: ['src'], placeholder: 1},
  embed: {held: ['src'], sinks: ['src'], placeholder: 1},
  img: {held: ['srcset', 'src']},
  picture: {held: [], children: {source: ['srcset'], img: ['srcset', 'src']}},
  link: {held: ['href']},
  video: {held: ['poster', 'src'], children: {source: ['srcset', 'src']}, reload: 1},
  audio: {held: ['src'], children: {source: ['srcset', 'src']}, reload: 1},
  object: {held: ['data'], sinks: ['data']},
};

/** The kind of a tag, if it is held. */
export const heldKind = (tag: string): HeldKind | undefined => HELD_KINDS[tag];

/** An element whose code runs (a script): held by its type, released as a copy. */
export const runsCode = (tag: string) => !!heldKind(tag)?.copy;

/**
 * The attributes an element holds, by its own tag and that of the element it belongs to: its own
 * kind's when it is tagged itself (`owner` is the element), else those its owner's kind holds in
 * its children; none when neither holds it.
 */
export const heldBy = (tag: string, owner: string): readonly string[] =>
  (tag === owner ? heldKind(tag)?.held : heldKind(owner)?.children?.[tag]) ?? [];

/** Whether a held attribute is a script URL for Trusted Types, given to the owner's kind. */
export const isSink = (owner: string, name: string) => !!heldKind(owner)?.sinks?.includes(name);

/** The tags of the kinds whose children hold URLs (a `<video>`, a `<picture>`). */
export const holdsChildren = (tag: string) => !!heldKind(tag)?.children;

/** Every tag the gate holds, its kinds' and their children's: what no other file names. */
export const heldTags = () => [...new Set(Object.entries(HELD_KINDS).flatMap(([tag, kind]) => [tag, ...Object.keys(kind.children ?? {})]))];

/** The type that holds a script back: the browser never runs `type="text/plain"`. */
export const INERT_TYPE = 'text/plain';

const TAGGED = ':is([data-service],[data-category])';
const holding = (names: readonly string[]) => `:is(${names.map((name) => `[data-${name}]`)})`;

/**
 * The gate's selector: a tagged element of each kind that holds something (a script by its type),
 * and the children of a tagged element that hold URLs for it.
 */
export const heldSelector = () =>
  Object.entries(HELD_KINDS)
    .flatMap(([tag, {held, copy, children = {}}]) => [
      ...(copy ? [`${tag}[type="${INERT_TYPE}"]${TAGGED}`] : held.length ? [tag + holding(held) + TAGGED] : []),
      ...Object.entries(children).map(([child, names]) => `${tag + TAGGED}>${child}${holding(names)}`),
    ])
    .join();

/**
 * Code held back, as markup (the fixes and snippets the site owner's tools write): the element of
 * the kind released as a copy, with `type="text/plain"`, `attributes` (written, each with its
 * leading space) and `code`.
 */
export function heldCode(attributes: string, code: string) {
  const tag = Object.keys(HELD_KINDS).find(runsCode);
  return `<${tag} type="${INERT_TYPE}"${attributes}>${code}</${tag}>`;
}

/**
 * What the CLI knows of each held tag beyond what the gate needs, kept apart so that the loader
 * leaves it out: the request the browser names (Chrome's `webRequest` resource type, by which
 * trackerdb matches), and whether the element is void (written without an end tag).
 */
const MARKUP: Readonly<Record<string, {request: string; void?: 1}>> = {
  __proto__: null as never,
  script: {request: 'script'},
  iframe: {request: 'sub_frame'},
  embed: {request: 'object', void: 1},
  img: {request: 'image', void: 1},
  picture: {request: 'image'},
  source: {request: 'media', void: 1},
  link: {request: 'stylesheet', void: 1},
  video: {request: 'media'},
  audio: {request: 'media'},
  object: {request: 'object'},
};

/** What the browser calls the request an element of this tag makes (`other` for a tag not held). */
export const requestType = (tag: string) => MARKUP[tag]?.request ?? 'other';

/** Whether a held tag is written without an end tag. */
export const isVoid = (tag: string) => !!MARKUP[tag]?.void;
