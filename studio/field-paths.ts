import {CONSENT_MODE_TYPES} from '../src/core/manifest-rules.js';
import type {ManifestIssue} from '../src/core/manifest.types.js';
import {isObject, TEXT_FIELDS} from './draft.js';
import type {Draft, Json} from './draft.js';

/*
 * JSON paths: as parts and back, the value at one, the form's field where an issue at a path
 * shows, and a path or an issue in words for people.
 */

/** `services[1].cookies[0].name` → ['services', 1, 'cookies', 0, 'name']. */
export function segments(path: string): (string | number)[] {
  if (path === 'manifest') return [];
  return [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]));
}

/** ['services', 1, 'cookies', 0, 'name'] → `services[1].cookies[0].name`. */
export const pathOf = (parts: (string | number)[]) => parts.map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');

/** The value at `parts` in `root`, or undefined. */
export function valueAt(root: unknown, parts: (string | number)[]): unknown {
  let value = root;
  for (const part of parts) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string | number, unknown>)[part];
  }
  return value;
}

/*
 * The paths the form has a field (or a group) for. An issue is shown at the longest of them
 * that starts its path: `categories[0].title.fr` at that language's input, an unknown field
 * `services[2].tracking` at its service.
 */
const FIELD_PATH = new RegExp(
  '^(' +
    [
      'manifest',
      'site\\.(name|policyUrl|languages)',
      'revision',
      'consentMaxAgeDays',
      'refusalMaxAgeDays',
      'cookie\\.(name|domain)',
      'gpc',
      'log\\.url',
      '\\$schema',
      '\\$comment',
      `consentMode(\\.(${CONSENT_MODE_TYPES.join('|')}))?`,
      'dataLayerEvent',
      'words',
      'categories(\\[\\d+\\](\\.(id|basis)|\\.(title|description|exemption)(\\.[^.[\\]]+)?)?)?',
      'services(\\[\\d+\\](\\.(id|name|provider|category|policyUrl|storage)|\\.description(\\.[^.[\\]]+)?' +
        '|\\.cookies(\\[\\d+\\](\\.(name|duration|domain)|\\.purpose(\\.[^.[\\]]+)?)?)?)?)?',
    ].join('|') +
    ')$'
);

/** The most segments a path of FIELD_PATH has: `services[1].cookies[0].purpose.fr`. */
const DEEPEST_FIELD = 6;

/**
 * The path of the field or group where an issue at `path` is shown. Only the first DEEPEST_FIELD
 * segments are tried: an unknown key of thousands of dots costs no more than a short one.
 */
export function anchorOf(path: string): string {
  const parts = segments(path);
  for (let n = Math.min(parts.length, DEEPEST_FIELD); n > 0; n--) {
    const candidate = pathOf(parts.slice(0, n));
    if (FIELD_PATH.test(candidate)) return candidate;
  }
  return 'manifest';
}

/** An element id for the field at `path`: `services[1].cookies[0].name` → `f-services-1-cookies-0-name`. */
export const fieldId = (path: string) => 'f-' + path.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '');

const LABELS: Record<string, string> = {
  site: 'Site',
  name: 'Name',
  policyUrl: 'Policy URL',
  languages: 'Languages',
  revision: 'Revision',
  consentMaxAgeDays: 'A yes is kept for (days)',
  refusalMaxAgeDays: 'A no is kept for (days)',
  cookie: 'Consent cookie',
  domain: 'Domain',
  gpc: 'Global Privacy Control',
  log: 'Decision log',
  url: 'URL',
  consentMode: 'Google Consent Mode',
  ...Object.fromEntries(CONSENT_MODE_TYPES.map((type) => [type, type])),
  dataLayerEvent: 'Tag-manager event',
  words: 'Your own words',
  $schema: 'Schema address',
  $comment: 'Notes',
  categories: 'Categories',
  services: 'Services',
  id: 'Id',
  basis: 'Basis',
  title: 'Title',
  description: 'Description',
  exemption: 'Why no consent is needed',
  provider: 'Provider',
  category: 'Category',
  cookies: 'Cookies',
  storage: 'Storage keys',
  duration: 'Lifetime',
  purpose: 'Purpose',
};

const quoted = (value: unknown, fallback: string) => (typeof value === 'string' && value.trim() ? `“${value.trim()}”` : fallback);

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value)) return Object.values(value).find((v): v is string => typeof v === 'string' && v.trim() !== '');
  return undefined;
}

/**
 * A JSON path in words, for people: `services[1].cookies[0].duration` →
 * `Service “Google Analytics” › Cookie “_ga” › Lifetime`.
 */
export function humanPath(path: string, draft: Draft): string {
  const parts = segments(path);
  if (!parts.length) return 'The manifest';
  const words: string[] = [];
  let here: unknown = draft;
  parts.forEach((part, i) => {
    const parent = parts[i - 1];
    // One step down per part (not from the top each time: a path may have thousands of parts).
    here = typeof here === 'object' && here !== null ? (here as Record<string | number, unknown>)[part] : undefined;
    if (typeof part === 'number') {
      const n = `${part + 1}`;
      if (parent === 'categories') {
        words[words.length - 1] = `Category ${quoted(textOf((here as Json)?.title) ?? (here as Json)?.id, n)}`;
      } else if (parent === 'services') {
        words[words.length - 1] = `Service ${quoted((here as Json)?.name ?? (here as Json)?.id, n)}`;
      } else if (parent === 'cookies') {
        words[words.length - 1] = `Cookie ${quoted((here as Json)?.name, n)}`;
      } else {
        words[words.length - 1] += ` › ${quoted(here, `item ${n}`)}`;
      }
    } else if (typeof parent === 'string' && TEXT_FIELDS.has(parent)) {
      words[words.length - 1] += ` (${part})`;
    } else {
      words.push(LABELS[part] ?? `“${part}”`);
    }
  });
  return words.join(' › ');
}

/** An issue's message in plainer words where the check's own would puzzle a non-developer. */
export function plainMessage(issue: ManifestIssue, draft: Draft): string {
  const value = valueAt(draft, segments(issue.path));
  if (/\.duration$/.test(issue.path) && typeof value === 'string' && /^PT?[A-Z]$/.test(value)) {
    return 'needs a number (or choose “session”)';
  }
  if (issue.message === 'must be a non-empty string') return 'needs a value';
  // The site's own words show in one field: each issue says its language.
  if (issue.path.startsWith('words.')) return `${issue.path.slice(6)}: ${issue.message}`;
  return issue.message;
}
