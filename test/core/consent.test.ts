import {expect} from '@open-wc/testing';
import {
  UI_VERSION,
  acceptAllChoice,
  canonicalJson,
  decide,
  decodeRecord,
  encodeRecord,
  fnv1a64,
  isCurrent,
  makeConsentId,
  manifestHash,
  rejectAllChoice,
} from '../../src/core/consent.js';
import {shopManifest} from '../fixtures/manifests.js';
import {idMaker, parsed} from '../helpers.js';

const NOW = new Date('2026-06-01T10:00:00.000Z');
const DAY = 86_400_000;

describe('consent record', () => {
  const manifest = parsed(shopManifest());

  it('R32: accept all turns every service on; the record holds the proof: id, time, revision, manifest hash, method, language, version', () => {
    const record = decide(manifest, acceptAllChoice(manifest), 'accept-all', null, NOW, {makeId: idMaker(), language: 'en'});
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
    });
    expect(record.manifestHash).to.match(/^[0-9a-f]{16}$/);
  });

  it('records the manifest’s first language when none is given, and "und" for a value that is not a language tag', () => {
    expect(decide(manifest, {}, 'api', null, NOW).language).to.equal('fr');
    expect(decide(manifest, {}, 'api', null, NOW, {language: 'de-AT'}).language).to.equal('de-AT');
    expect(decide(manifest, {}, 'api', null, NOW, {language: '"><img src=x>'}).language).to.equal('und');
  });

  it('R11: closing refuses like "reject all"; R35: so does the GPC signal; only the method differs', () => {
    const reject = decide(manifest, rejectAllChoice(manifest), 'reject-all', null, NOW, idMaker());
    for (const method of ['close', 'gpc'] as const) {
      const record = decide(manifest, rejectAllChoice(manifest), method, null, NOW, idMaker());
      expect(record).to.deep.equal({...reject, method});
      expect(decodeRecord(encodeRecord(record))).to.deep.equal(record);
    }
  });

  it('reject all keeps only necessary and exempt on (R19)', () => {
    const record = decide(manifest, rejectAllChoice(manifest), 'reject-all', null, NOW, idMaker());
    expect(record.categories).to.deep.equal({necessary: true, audience: true, performance: false, advertising: false});
    expect(record.services).to.deep.equal({session: true, matomo: true, analytics: false, ads: false, video: false});
  });

  it('nothing is on that the choice does not switch on (R4)', () => {
    const record = decide(manifest, {}, 'custom', null, NOW, idMaker());
    expect(record.categories.performance).to.equal(false);
    expect(record.services.ads).to.equal(false);
  });

  it('a category is on only when all its services are; one service can be chosen alone (R5, R20)', () => {
    const record = decide(manifest, {services: {video: true}}, 'placeholder', null, NOW, idMaker());
    expect(record.services.video).to.equal(true);
    expect(record.services.ads).to.equal(false);
    expect(record.categories.advertising).to.equal(false);
  });

  it('a later choice keeps the id and what it does not mention', () => {
    const first = decide(manifest, {categories: {performance: true}}, 'custom', null, NOW, idMaker());
    const later = new Date(NOW.getTime() + DAY);
    const second = decide(manifest, {services: {video: true}}, 'placeholder', first, later, idMaker());
    expect(second.id).to.equal(first.id);
    expect(second.services.analytics).to.equal(true);
    expect(second.timestamp).to.equal(later.toISOString());
  });

  it('necessary cannot be refused; exempt can be opted out of (R31)', () => {
    const record = decide(manifest, {services: {session: false, matomo: false}}, 'opt-out', null, NOW, idMaker());
    expect(record.services.session).to.equal(true);
    expect(record.services.matomo).to.equal(false);
    expect(record.categories.audience).to.equal(false);
  });

  describe('isCurrent (R21, R23, R24)', () => {
    const record = decide(manifest, acceptAllChoice(manifest), 'accept-all', null, NOW, idMaker());
    const at = (days: number) => new Date(NOW.getTime() + days * DAY);
    it('holds within consentMaxAgeDays, by the timestamp inside the record', () => {
      expect(isCurrent(record, manifest, at(181))).to.equal(true);
      expect(isCurrent(record, manifest, at(182))).to.equal(true);
      expect(isCurrent(record, manifest, at(183))).to.equal(false);
    });
    it('does not hold for another revision', () => {
      expect(isCurrent(record, {...manifest, revision: 4}, NOW)).to.equal(false);
    });
    it('does not hold for a timestamp in the future', () => {
      expect(isCurrent(record, manifest, at(-2))).to.equal(false);
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
    const record = decide(manifest, {categories: {performance: true}}, 'custom', null, NOW);
    it('round-trips', () => {
      expect(decodeRecord(encodeRecord(record))).to.deep.equal(record);
    });
    it('holds no ";" or line break that could break out of the cookie', () => {
      expect(encodeRecord(record)).not.to.match(/[;\r\n]/);
    });
    it('R34: holds the choices and the proof, nothing about the device or the network', () => {
      const keys = Object.keys(JSON.parse(encodeRecord(record))).sort();
      expect(keys).to.deep.equal(
        ['categories', 'check', 'id', 'language', 'manifestHash', 'method', 'revision', 'services', 'timestamp', 'uiVersion', 'v']
      );
      const value = encodeRecord(record);
      expect(value).not.to.include(navigator.userAgent.split(' ')[0]);
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
      ['another format version', encodeRecord(record).replace('"v":2', '"v":3')],
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
