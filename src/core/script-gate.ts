import type {ConsentRecord} from './consent.js';
import type {Manifest} from './manifest.types.js';

/*
 * What the script gate decides, without a page (README, “Tag your trackers”): the tag of an
 * element (`readTag`: its `data-service`, else its `data-category`, `!` for run-on-refusal) and
 * whether it may run (`isAllowed`), given the manifest and the visitor's record. The gate that
 * finds the elements and releases them is src/browser/gate.ts; the CLI's `explain` asks the same
 * questions of a page's HTML.
 */

/** What a tagged element belongs to: `data-service`, else `data-category` (`!id` = run on refusal). */
export interface GateTag {
  service?: string;
  category?: string;
  /** `data-category="!performance"`: release when that category is refused. */
  negated: boolean;
}

/** The tag of an element, or `null` when it is not tagged. */
export function readTag(el: Element): GateTag | null {
  const service = el.getAttribute('data-service')?.trim();
  if (service) return {service, negated: false};
  const category = el.getAttribute('data-category')?.trim();
  if (!category) return null;
  const negated = category[0] === '!';
  return {category: negated ? category.slice(1) : category, negated};
}

const indexes = new WeakMap<
  Manifest,
  {services: Map<string, Manifest['services'][number]>; categories: Map<string, Manifest['categories'][number]>}
>();

/** The manifest's services and categories by id (ids are unique: the checks hold to it), made once per manifest. */
function indexOf(manifest: Manifest) {
  let index = indexes.get(manifest);
  if (!index) {
    const byId = <T extends {id: string}>(items: T[]) => new Map(items.map((item) => [item.id, item]));
    indexes.set(manifest, (index = {services: byId(manifest.services), categories: byId(manifest.categories)}));
  }
  return index;
}

/**
 * May an element with this tag run, given the manifest and the visitor's current record (`null`
 * when there is none)? Necessary: always. Exempt: unless opted out. Consent: only when accepted.
 * `!category`: only when a record answers it with a no. Anything the manifest does not declare: never.
 */
export function isAllowed(tag: GateTag, manifest: Manifest, record: ConsentRecord | null): boolean {
  const {services, categories} = indexOf(manifest);
  const service = tag.service ? services.get(tag.service) : undefined;
  if (tag.service && !service) return false;
  const category = categories.get((service ? service.category : tag.category)!);
  if (!category) return false;
  const {basis} = category;
  if (tag.negated) {
    // Refused: the record answers this purpose with a no. A purpose still to ask about (never
    // answered, or changed since) is not refused yet: its fallback waits with it.
    const {purposes} = record ?? {};
    const answered = !purposes || category.id in purposes || !manifest.services.some((s) => s.category === category.id);
    return basis === 'consent' && !!record && answered && record.categories[category.id] !== true;
  }
  const choice = service ? record?.services[service.id] : record?.categories[category.id];
  return basis === 'necessary' || (basis === 'exempt' ? choice !== false : choice === true);
}
