import type {Basis} from '../src/core/manifest.types.js';

/*
 * The manifest being edited (the draft), a blank one, and the edits that keep it consistent. No
 * DOM here, nor in the draft's other pure steps beside it: opening a JSON file into a draft and
 * turning it back into the manifest that is checked and downloaded (manifest-file.ts), naming a
 * JSON path in words (field-paths.ts), lifetimes as a number and a unit (lifetime.ts), the markup
 * that tags a service (service-tag.ts), the banner's own cookie (own-cookie.ts). The node tests
 * load these files as they are.
 *
 * The draft keeps the manifest's own shape, with every text as a language map, so a form can
 * edit it in place. Fields the form does not know are kept as they are (the check names them).
 */

export type TextMap = Record<string, string>;

export interface DraftCookie {
  name: string;
  duration: string;
  domain?: string;
  purpose?: TextMap;
  [field: string]: unknown;
}

export interface DraftService {
  id: string;
  name: string;
  provider?: string;
  category: string;
  policyUrl?: string;
  description?: TextMap;
  cookies: DraftCookie[];
  /** localStorage and sessionStorage keys it writes (`*` a wildcard), deleted on withdrawal. */
  storage?: string[];
  [field: string]: unknown;
}

export interface DraftCategory {
  id: string;
  basis: Basis;
  title: TextMap;
  description?: TextMap;
  exemption?: TextMap;
  [field: string]: unknown;
}

export interface Draft {
  $schema?: string;
  $comment?: string;
  version: 1;
  site: {name: string; policyUrl: string; languages: string[]; [field: string]: unknown};
  /** A number, or what was typed when it is not one (the check then says so). */
  revision?: number | string;
  consentMaxAgeDays?: number | string;
  refusalMaxAgeDays?: number | string;
  cookie?: {name?: string; domain?: string; [field: string]: unknown};
  gpc?: string;
  log?: {url?: string; [field: string]: unknown};
  consentMode?: Record<string, string[]>;
  dataLayerEvent?: boolean;
  categories: DraftCategory[];
  services: DraftService[];
  [field: string]: unknown;
}

/** The fields of a category, a service or a cookie that hold a text (a language map in the draft). */
export const TEXT_FIELDS = new Set(['title', 'description', 'exemption', 'purpose']);

export type Json = Record<string, unknown>;
export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A new manifest: one language pair and the category every site has. */
export function blankDraft(): Draft {
  return {
    version: 1,
    site: {name: '', policyUrl: '', languages: ['fr', 'en']},
    revision: 1,
    consentMaxAgeDays: 182,
    refusalMaxAgeDays: 182,
    categories: [
      {
        id: 'necessary',
        basis: 'necessary',
        title: {fr: 'Cookies indispensables', en: 'Essential cookies'},
        description: {
          fr: 'Ils font fonctionner le site et retiennent vos choix en matière de cookies. Ils ne peuvent pas être désactivés.',
          en: 'They run the site and remember your cookie choices. They cannot be switched off.',
        },
      },
    ],
    services: [],
  };
}

/** `base`, else `base-2`, `base-3`…: an id no category or service uses yet. */
export function uniqueId(draft: Draft, base: string): string {
  const taken = new Set([...draft.categories, ...draft.services].map((x) => x.id));
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/**
 * Renames category `index`, and the services and Consent Mode entries that point at it (when
 * its old id was its own: two categories with one id leave the pointers alone).
 */
export function renameCategory(draft: Draft, index: number, id: string) {
  const old = draft.categories[index].id;
  const own = draft.categories.filter((c) => c.id === old).length === 1;
  draft.categories[index].id = id;
  if (!own || old === id) return;
  for (const service of draft.services) if (service.category === old) service.category = id;
  for (const ids of Object.values(draft.consentMode ?? {})) {
    if (Array.isArray(ids)) ids.forEach((c, i) => c === old && (ids[i] = id));
  }
}
