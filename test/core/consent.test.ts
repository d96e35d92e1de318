import {expect} from '@open-wc/testing';
import {
  acceptAllChoice,
  decide,
  decodeRecord,
  encodeRecord,
  isCurrent,
  makeConsentId,
  rejectAllChoice,
  withdrawnServices,
} from '../../src/core/consent.js';
import {shopManifest} from '../fixtures/manifests.js';
import {idMaker, parsed} from '../helpers.js';

const NOW = new Date('2026-06-01T10:00:00.000Z');
const DAY = 86_400_000;

describe('consent record', () => {
  const manifest = parsed(shopManifest());

  it('accept all turns every service on, with the manifest revision and an id', () => {
    const record = decide(manifest, acceptAllChoice(manifest), 'accept-all', null, NOW, idMaker());
    expect(record).to.deep.equal({
      id: '00000000-0000-4000-8000-000000000001',
      timestamp: '2026-06-01T10:00:00.000Z',
      revision: 3,
      method: 'accept-all',
      categories: {necessary: true, audience: true, performance: true, advertising: true},
      services: {session: true, matomo: true, analytics: true, ads: true, video: true},
    });
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

  it('lists the services a new decision withdraws', () => {
    const all = decide(manifest, acceptAllChoice(manifest), 'accept-all', null, NOW, idMaker());
    const fewer = decide(manifest, {categories: {performance: false}}, 'custom', all, NOW, idMaker());
    expect(withdrawnServices(all, fewer)).to.deep.equal(['analytics']);
    expect(withdrawnServices(null, fewer)).to.deep.equal([]);
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

  describe('encoding', () => {
    const record = decide(manifest, {categories: {performance: true}}, 'custom', null, NOW);
    it('round-trips', () => {
      expect(decodeRecord(encodeRecord(record))).to.deep.equal(record);
    });
    it('holds no ";" or line break that could break out of the cookie', () => {
      expect(encodeRecord(record)).not.to.match(/[;\r\n]/);
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
      ['another format version', encodeRecord(record).replace('"v":1', '"v":2')],
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
