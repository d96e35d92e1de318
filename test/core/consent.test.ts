import {expect} from '@open-wc/testing';
import type {ConsentRecord} from '../../src/core/consent.js';
import {canonicalJson, fnv1a64, manifestHash} from '../../src/core/hash.js';
import {acceptAllChoice, makeConsentId, makeRecord, rejectAllChoice, UI_VERSION} from '../../src/core/make-record.js';
import {currentRecord, purposeFingerprint, purposesToAsk} from '../../src/core/purposes.js';
import {decodeRecord, encodeRecord} from '../../src/core/record-codec.js';
import {shopManifest} from '../fixtures/manifests.js';
import {idMaker, parsed} from '../helpers.js';

const NOW = new Date('2026-06-01T10:00:00.000Z');
const DAY = 86_400_000;

describe('consent record', () => {
  const manifest = parsed(shopManifest());

  it('R32: accept all turns every service on; the record holds the proof: id, time, revision, manifest hash, method, language, version', () => {
    const record = makeRecord(manifest, acceptAllChoice(manifest), 'accept-all', null, NOW, {makeId: idMaker(), language: 'en'});
    expect(record).to.deep.equal({
      id: '00000000-0000-4000-8000-000000000001',
      timestamp: '2026-06-01T10:00:00.000Z',
      revision: 3,
      manifestHash: manifestHash(manifest),
      method: 'accept-all',
      language: 'en',
      uiVersion: UI_VERSION,
      categories: {necessary: true, audience: true, performance: true, advertising: true},
      services: {session: true, matomo: true, analytics: true, ads: true, video: true},
      // Each purpose answered, when (minutes since 1970) and as it was (its fingerprint).
      purposes: {
        performance: `${NOW.getTime() / 60_000}.${purposeFingerprint(manifest, 'performance')}`,
        advertising: `${NOW.getTime() / 60_000}.${purposeFingerprint(manifest, 'advertising')}`,
      },
    });
    expect(record.manifestHash).to.match(/^[0-9a-f]{16}$/);
  });

  it('records the manifest’s first language when none is given, and "und" for a value that is not a language tag', () => {
    expect(makeRecord(manifest, {}, 'api', null, NOW).language).to.equal('fr');
    expect(makeRecord(manifest, {}, 'api', null, NOW, {language: 'de-AT'}).language).to.equal('de-AT');
    expect(makeRecord(manifest, {}, 'api', null, NOW, {language: '"><img src=x>'}).language).to.equal('und');
  });

  it('R11: closing refuses like "reject all"; R35: so does the GPC signal; only the method differs', () => {
    const reject = makeRecord(manifest, rejectAllChoice(manifest), 'reject-all', null, NOW, idMaker());
    for (const method of ['close', 'gpc'] as const) {
      const record = makeRecord(manifest, rejectAllChoice(manifest), method, null, NOW, idMaker());
      expect(record).to.deep.equal({...reject, method});
      expect(decodeRecord(encodeRecord(record))).to.deep.equal(record);
    }
  });

  it('reject all keeps only necessary and exempt on (R19)', () => {
    const record = makeRecord(manifest, rejectAllChoice(manifest), 'reject-all', null, NOW, idMaker());
    expect(record.categories).to.deep.equal({necessary: true, audience: true, performance: false, advertising: false});
    expect(record.services).to.deep.equal({session: true, matomo: true, analytics: false, ads: false, video: false});
  });

  it('nothing is on that the choice does not switch on (R4)', () => {
    const record = makeRecord(manifest, {}, 'custom', null, NOW, idMaker());
    expect(record.categories.performance).to.equal(false);
    expect(record.services.ads).to.equal(false);
  });

  it('a category is on only when all its services are; one service can be chosen alone (R5, R20)', () => {
    const record = makeRecord(manifest, {services: {video: true}}, 'placeholder', null, NOW, idMaker());
    expect(record.services.video).to.equal(true);
    expect(record.services.ads).to.equal(false);
    expect(record.categories.advertising).to.equal(false);
  });

  it('a later choice keeps the id and what it does not mention', () => {
    const first = makeRecord(manifest, {categories: {performance: true}}, 'custom', null, NOW, idMaker());
    const later = new Date(NOW.getTime() + DAY);
    const second = makeRecord(manifest, {services: {video: true}}, 'placeholder', first, later, idMaker());
    expect(second.id).to.equal(first.id);
    expect(second.services.analytics).to.equal(true);
    expect(second.timestamp).to.equal(later.toISOString());
  });

  it('necessary cannot be refused; exempt can be opted out of (R31)', () => {
    const record = makeRecord(manifest, {services: {session: false, matomo: false}}, 'opt-out', null, NOW, idMaker());
    expect(record.services.session).to.equal(true);
    expect(record.services.matomo).to.equal(false);
    expect(record.categories.audience).to.equal(false);
  });

  describe('what still holds of a stored answer (R21 to R24)', () => {
    const at = (days: number) => new Date(NOW.getTime() + days * DAY);
    const accepted = makeRecord(manifest, acceptAllChoice(manifest), 'accept-all', null, NOW, idMaker());
    const refused = makeRecord(manifest, rejectAllChoice(manifest), 'reject-all', null, NOW, idMaker());
    const asked = (record: ConsentRecord | null, m = manifest, when = NOW) => Object.fromEntries(purposesToAsk(record, m, when));
    const edited = (edit: (m: Record<string, any>) => void) => {
      const json = shopManifest() as Record<string, any>;
      edit(json);
      return parsed(json);
    };

    it('asks about every purpose that holds a service when there is no answer', () => {
      expect(asked(null)).to.deep.equal({performance: 'new', advertising: 'new'});
      expect(currentRecord(null, manifest, NOW)).to.equal(null);
    });

    it('R21: an acceptance holds consentMaxAgeDays, by the time inside the record', () => {
      expect(asked(accepted, manifest, at(182))).to.deep.equal({});
      expect(currentRecord(accepted, manifest, at(182))).to.equal(accepted);
      expect(asked(accepted, manifest, at(183))).to.deep.equal({performance: 'expired', advertising: 'expired'});
      expect(currentRecord(accepted, manifest, at(183))).to.equal(null);
    });

    it('R22: a refusal holds refusalMaxAgeDays, six months at least, even where a yes lasts 30 days', () => {
      const short = edited((m) => (m.consentMaxAgeDays = 30));
      const no = makeRecord(short, rejectAllChoice(short), 'reject-all', null, NOW, idMaker());
      expect(asked(no, short, at(31))).to.deep.equal({});
      expect(asked(no, short, at(182))).to.deep.equal({});
      expect(asked(no, short, at(183))).to.deep.equal({performance: 'expired', advertising: 'expired'});
      const longer = edited((m) => (m.refusalMaxAgeDays = 300));
      expect(asked(makeRecord(longer, rejectAllChoice(longer), 'reject-all', null, NOW, idMaker()), longer, at(299))).to.deep.equal({});
    });

    it('R22: one purpose refused and one accepted expire each on its own day; the refusal still holds while the yes is asked again', () => {
      const short = edited((m) => (m.consentMaxAgeDays = 30));
      const mixed = makeRecord(short, {categories: {performance: true, advertising: false}}, 'custom', null, NOW, idMaker());
      expect(asked(mixed, short, at(31))).to.deep.equal({performance: 'expired'});
      const now = currentRecord(mixed, short, at(31))!;
      expect(now.services.analytics).to.equal(false);
      expect(now.categories.advertising).to.equal(false);
      expect(Object.keys(now.purposes!)).to.deep.equal(['advertising']);
    });

    it('R24: a new revision asks again only about purposes that are new or changed; the refusal of the others holds', () => {
      const same = edited((m) => (m.revision = 4));
      expect(asked(refused, same)).to.deep.equal({});
      const partner = edited((m) => {
        m.revision = 4;
        m.services.push({id: 'retarget', name: 'Retarget', category: 'advertising', cookies: []});
      });
      expect(asked(refused, partner)).to.deep.equal({advertising: 'changed'});
      const purpose = edited((m) => {
        m.categories.push({id: 'social', title: 'Social'});
        m.services.push({id: 'share', name: 'Share', category: 'social', cookies: []});
      });
      expect(asked(refused, purpose)).to.deep.equal({social: 'new'});
    });

    it('R24: a changed purpose is off until it is answered again, even if it was accepted; the others keep their answer', () => {
      const reworded = edited((m) => (m.categories[2].description = {fr: 'Statistiques', en: 'Statistics'}));
      expect(asked(accepted, reworded)).to.deep.equal({performance: 'changed'});
      const now = currentRecord(accepted, reworded, NOW)!;
      expect(now.services.analytics).to.equal(false);
      expect(now.services.ads).to.equal(true);
      // Answering it refreshes that purpose alone.
      const later = new Date(NOW.getTime() + 10 * DAY);
      const answered = makeRecord(reworded, {categories: {performance: true}}, 'accept-all', now, later, idMaker());
      expect(asked(answered, reworded, later)).to.deep.equal({});
      expect(answered.purposes!.performance.split('.')[0]).to.equal(String(later.getTime() / 60_000));
      expect(answered.purposes!.advertising).to.equal(accepted.purposes!.advertising);
    });

    it('does not hold a record dated in the future', () => {
      expect(currentRecord(accepted, manifest, at(-2))).to.equal(null);
    });

    it('reads a record stored before purposes were kept (format 2) as an answer to every purpose of its revision, on its day', () => {
      const {purposes} = accepted;
      const v2 = decodeRecord(formatTwo(accepted));
      expect(v2).to.not.equal(null);
      expect(asked(v2, manifest, at(182))).to.deep.equal({});
      expect(
        asked(
          v2,
          edited((m) => (m.revision = 4))
        )
      ).to.deep.equal({performance: 'changed', advertising: 'changed'});
      expect(currentRecord(v2, manifest, NOW)!.purposes).to.deep.equal(purposes);
    });
  });

  describe('manifest hash (R32)', () => {
    it('is FNV-1a 64 over UTF-8 (published test vectors and a non-ASCII text)', () => {
      expect(fnv1a64('')).to.equal('cbf29ce484222325');
      expect(fnv1a64('a')).to.equal('af63dc4c8601ec8c');
      expect(fnv1a64('foobar')).to.equal('85944171f73967e8');
      expect(fnv1a64('Mesure d’audience')).to.equal('3a030c74abccbff5');
      expect(fnv1a64('\u00ff\u20ac{}'.repeat(500))).to.equal('659ea46e727077d5'); // values from a Python reference
    });
    it('is taken over canonical JSON: keys sorted at every level, no white space, undefined left out', () => {
      expect(canonicalJson({b: [{d: 1, c: 'x'}], a: true, z: undefined})).to.equal('{"a":true,"b":[{"c":"x","d":1}]}');
      expect(manifestHash(manifest)).to.equal(fnv1a64(canonicalJson(manifest)));
    });
    it('does not depend on key order or on $comment, and changes with any shown text', () => {
      const input = shopManifest();
      const reordered = Object.fromEntries(Object.entries(input).reverse());
      expect(manifestHash(parsed({...reordered, $comment: 'notes'}))).to.equal(manifestHash(manifest));
      const edited = shopManifest() as any;
      edited.categories[2].title.fr = 'Performances';
      expect(manifestHash(parsed(edited))).not.to.equal(manifestHash(manifest));
    });
  });

  describe('encoding', () => {
    const record = makeRecord(manifest, {categories: {performance: true}}, 'custom', null, NOW);
    it('round-trips', () => {
      expect(decodeRecord(encodeRecord(record))).to.deep.equal(record);
    });
    it('holds no ";" or line break that could break out of the cookie', () => {
      expect(encodeRecord(record)).not.to.match(/[;\r\n]/);
    });
    it('R34: holds the choices and the proof, nothing about the device or the network', () => {
      const keys = Object.keys(JSON.parse(encodeRecord(record))).sort();
      expect(keys).to.deep.equal([
        'categories',
        'check',
        'id',
        'language',
        'manifestHash',
        'method',
        'purposes',
        'revision',
        'services',
        'timestamp',
        'uiVersion',
        'v',
      ]);
      const value = encodeRecord(record);
      expect(value).not.to.include(navigator.userAgent.split(' ')[0]);
      // The purposes' times are minutes since 1970, not addresses: no dotted quad anywhere.
      expect(value).not.to.match(/\b\d{1,3}(\.\d{1,3}){3}\b/);
    });
    it('refuses a value edited by hand: a category flipped to true', () => {
      const edited = encodeRecord(record).replace('"advertising":false', '"advertising":true');
      expect(edited).not.to.equal(encodeRecord(record));
      expect(decodeRecord(edited)).to.equal(null);
    });
    const foreign: [string, string | undefined][] = [
      ['nothing', undefined],
      ['another tool’s value', '{"stamp":"-1","necessary":true}'],
      ['not JSON', 'yes'],
      // Written by 0.1.0 before the proof record: well-formed in its day, read now as no choice.
      [
        'a format-1 value',
        '{"v":1,"id":"00000000-0000-4000-8000-000000000001","timestamp":"2026-06-01T10:00:00.000Z","revision":3,"method":"accept-all","categories":{"necessary":true,"performance":true},"services":{"analytics":true},"check":"8cv28u"}',
      ],
      ['another format version', encodeRecord(record).replace('"v":3', '"v":4')],
      ['a format-2 value that holds purposes', encodeRecord(record).replace('"v":3', '"v":2')],
      ['a purpose answered at no time', encodeRecord({...record, purposes: {performance: 'x.abc'}})],
      ['a manifest hash that is not 16 hex digits', encodeRecord({...record, manifestHash: 'abc'})],
      ['a language that is not a language tag', encodeRecord({...record, language: 'fr;x'})],
      ['a uiVersion with a space', encodeRecord({...record, uiVersion: '1 0'})],
      ['an id that is not a UUID', encodeRecord({...record, id: 'visitor-42'})],
      ['a timestamp that is not ISO UTC', encodeRecord({...record, timestamp: 'yesterday'})],
      ['an unknown method', encodeRecord({...record, method: 'nod' as never})],
      ['a choice that is not a boolean', encodeRecord({...record, services: {ads: 'yes' as never}})],
      ['a value over 4 KB', 'x'.repeat(5000)],
    ];
    for (const [name, value] of foreign) {
      it(`counts ${name} as no choice`, () => {
        expect(decodeRecord(value)).to.equal(null);
      });
    }
  });

  it('makes random v4 UUIDs', () => {
    const ids = new Set(Array.from({length: 50}, makeConsentId));
    expect(ids.size).to.equal(50);
    for (const id of ids) expect(id).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

/** A record as format 2 stored it: no purposes, sealed with the same checksum over its own fields. */
function formatTwo(record: ConsentRecord): string {
  const {purposes, ...fields} = record;
  void purposes;
  const body = JSON.stringify({v: 2, ...fields});
  let hash = 0x811c9dc5;
  for (let i = 0; i < body.length; i++) hash = Math.imul(hash ^ body.charCodeAt(i), 0x01000193);
  return `${body.slice(0, -1)},"check":"${(hash >>> 0).toString(36)}"}`;
}
