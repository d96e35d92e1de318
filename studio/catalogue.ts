import type {Basis} from '../src/core/manifest.types.js';
import type {DraftCategory, DraftService, TextMap} from './draft.js';

/*
 * The service catalogue (catalogue/services.json): well-known services with the cookies their
 * vendors document. These helpers turn an entry into a manifest service or category, keeping
 * only the texts of the site's languages and dropping the catalogue's own fields.
 */

export interface CatalogueCookie {
  name: string;
  duration: string;
  domain?: string;
  purpose: TextMap;
  $comment?: string;
}

export interface CatalogueService {
  id: string;
  name: string;
  provider: string;
  /** The usual category: the id of one of the catalogue's categories. */
  category: string;
  policyUrl?: string;
  description: TextMap;
  cookies: CatalogueCookie[];
  /** Finds it in a manifest by id, name or provider (a regular expression, case-insensitive). */
  match: string;
  /** Domains it loads from, for a scan to recognise it. */
  hosts: string[];
  /** The vendor's install snippet, tagged, and where it was read; absent when none could be. */
  snippet?: {
    html: string;
    vendorCopy: string;
    placeholders?: Record<string, string>;
    removed?: string[];
    source: {url: string; read: string};
    $comment?: string;
  };
  $comment?: string;
}

export interface CatalogueCategory {
  id: string;
  basis: Basis;
  title: TextMap;
  description: TextMap;
  exemption?: TextMap;
  $comment?: string;
}

export interface Catalogue {
  version: 1;
  categories: CatalogueCategory[];
  services: CatalogueService[];
}

/**
 * The texts of `text` in `languages`; when it has none of them, its English text (a site in
 * German still gets a readable default), else all of it.
 */
export function pickTexts(text: TextMap, languages: readonly string[]): TextMap {
  const kept = Object.fromEntries(Object.entries(text).filter(([lang]) => languages.includes(lang)));
  if (Object.keys(kept).length) return kept;
  return text.en ? {en: text.en} : {...text};
}

/** A manifest service from a catalogue entry, placed in `category` (default: its usual one). */
export function serviceFromCatalogue(
  entry: CatalogueService,
  languages: readonly string[],
  category = entry.category,
  id = entry.id
): DraftService {
  const service: DraftService = {id, name: entry.name, provider: entry.provider, category, cookies: []};
  if (entry.policyUrl) service.policyUrl = entry.policyUrl;
  service.description = pickTexts(entry.description, languages);
  service.cookies = entry.cookies.map(({name, duration, domain, purpose}) => ({
    name,
    duration,
    ...(domain ? {domain} : {}),
    purpose: pickTexts(purpose, languages),
  }));
  return service;
}

/** A manifest category from one of the catalogue's categories. */
export function categoryFromCatalogue(entry: CatalogueCategory, languages: readonly string[]): DraftCategory {
  const category: DraftCategory = {
    id: entry.id,
    basis: entry.basis,
    title: pickTexts(entry.title, languages),
    description: pickTexts(entry.description, languages),
  };
  if (entry.exemption) category.exemption = pickTexts(entry.exemption, languages);
  return category;
}
