import {canonicalJson} from '../src/core/hash.js';
import {parseRecord} from '../src/core/record-contract.js';
import {chainHash, hex, sha256, ZERO_HASH} from './chain.js';
import type {Checkpoint, RecordStore, StoredRow} from './store.js';

/*
 * `consent-banner records verify`: walks consent_records in order, a page at a time, recomputing
 * each record's hash and the chain (chain.ts), and stops at the first row that does not follow:
 * an edited, deleted or reordered row. It also checks what the other columns repeat of the body,
 * that the table ends where the head says, and, given a head kept elsewhere (`--head`), that the
 * chain holds it. Records whose manifest was never published (`records publish`) are listed.
 */

export interface VerifyReport {
  ok: boolean;
  rows: number;
  records: number;
  checkpoints: number;
  /** The first and last row numbers (0 when empty). */
  first: number;
  last: number;
  /** The chain's value after the last row, hex. */
  head: string;
  /** The first row that does not follow, and why. */
  problem?: {row: number; message: string};
  /** `--head`: where the chain holds the head given (its row), or that it does not. */
  given?: {head: string; row?: number; purged?: boolean};
  /** The manifests records answered that were never published, with how many records answered each. */
  unknownManifests: {manifestHash: string; records: number}[];
}

const fault = (row: number, message: string) => ({row, message});

/** Checks the chain; `head`, a head kept elsewhere (64 hex digits), must be in it. */
export async function verify(store: RecordStore, {head: given}: {head?: string} = {}): Promise<VerifyReport> {
  const report: VerifyReport = {
    ok: true,
    rows: 0,
    records: 0,
    checkpoints: 0,
    first: 0,
    last: 0,
    head: hex(ZERO_HASH),
    unknownManifests: [],
  };
  const wanted = given?.toLowerCase();
  if (wanted !== undefined) report.given = {head: wanted};
  const answered = new Map<string, number>();
  // What the purges left: the chain's value after each purged stretch, by its last row.
  const purged = new Map<number, string>();
  for (const row of await store.checkpoints()) {
    try {
      const {checkpoint} = JSON.parse(row.body) as Checkpoint;
      purged.set(checkpoint.purged.through, checkpoint.head);
      if (wanted === checkpoint.head) report.given = {head: wanted, row: checkpoint.purged.through, purged: true};
    } catch {
      // A checkpoint that is not JSON fails below, when the walk reaches it.
    }
  }

  let chain: Uint8Array = ZERO_HASH;
  let previous = 0;
  const check = (row: StoredRow) => {
    if (previous === 0) {
      report.first = row.seq;
      if (row.seq !== 1) {
        const value = purged.get(row.seq - 1);
        if (value === undefined)
          return fault(row.seq, `is the first row, and no checkpoint says that rows 1 to ${row.seq - 1} were purged: they were deleted`);
        chain = Buffer.from(value, 'hex');
      }
    } else if (row.seq !== previous + 1) {
      return fault(previous + 1, `is missing (row ${row.seq} follows row ${previous}): deleted`);
    }
    if (!Buffer.from(sha256(row.body)).equals(Buffer.from(row.recordHash)))
      return fault(row.seq, 'does not match its hash: its record was edited');
    if (!Buffer.from(row.prevHash).equals(Buffer.from(chain))) {
      return fault(row.seq, `does not follow row ${row.seq - 1}: a row before it was edited, deleted or reordered, or this one was`);
    }
    if (row.kind === 'record') {
      const checked = parseRecord(row.body);
      if (!checked.ok || canonicalJson(checked.record) !== row.body) return fault(row.seq, 'holds no record as the receiver stores them');
      const {record} = checked;
      if (row.consentId !== record.id || row.decidedAt !== Date.parse(record.timestamp) || row.method !== record.method) {
        return fault(row.seq, 'has columns that do not repeat its record (id, time or method edited)');
      }
      report.records++;
      answered.set(record.manifestHash, (answered.get(record.manifestHash) ?? 0) + 1);
    } else if (row.kind === 'checkpoint') {
      report.checkpoints++;
    } else {
      return fault(row.seq, `is of an unknown kind (${String(row.kind).slice(0, 20)})`);
    }
    chain = chainHash(chain, row.seq, row.receivedAt, row.kind, row.recordHash);
    if (wanted !== undefined && wanted === hex(chain)) report.given = {head: wanted, row: row.seq};
    previous = row.seq;
    report.rows++;
    return undefined;
  };

  walk: for (let page = await store.rowsAfter(0); page.length; page = await store.rowsAfter(previous)) {
    for (const row of page) {
      const problem = check(row);
      if (problem) {
        report.problem = problem;
        break walk;
      }
    }
  }
  report.last = previous;
  report.head = hex(chain);
  if (!report.problem) {
    const head = await store.head();
    if (head.seq !== previous) {
      report.problem =
        head.seq > previous
          ? fault(
              previous + 1,
              `is missing: the chain's head is row ${head.seq}, the table ends at row ${previous} (the last rows were deleted)`
            )
          : fault(head.seq, `should be the last row, as the chain's head says; rows up to ${previous} follow (the head was edited)`);
    } else if (!Buffer.from(head.hash).equals(Buffer.from(chain))) {
      report.problem = fault(
        previous,
        'ends the chain, but the head kept with it says another value (the head or the last row was edited)'
      );
    }
  }
  const published = await store.manifests([...answered.keys()]);
  report.unknownManifests = [...answered]
    .filter(([hash]) => !published.has(hash))
    .map(([manifestHash, records]) => ({manifestHash, records}));
  report.ok = !report.problem && (wanted === undefined || report.given?.row !== undefined);
  return report;
}

/** The report in words. */
export function formatVerify(report: VerifyReport): string {
  const lines: string[] = [];
  const span = report.rows
    ? `rows ${report.first} to ${report.last}: ${report.records} record(s), ${report.checkpoints} checkpoint(s)`
    : 'no rows';
  if (report.problem) lines.push(`FAILED: row ${report.problem.row} ${report.problem.message}.`, `Checked before it: ${span}.`);
  else
    lines.push(
      `The chain holds: ${span}.`,
      `Head: ${report.head}`,
      'Keep the head elsewhere; `records verify --head <it>` later shows that no row before it was rewritten.'
    );
  if (report.given) {
    const {head, row, purged} = report.given;
    if (row === undefined)
      lines.push(`FAILED: the head given (${head}) is nowhere in the chain: rows before it were rewritten, or it is another database's.`);
    else
      lines.push(
        purged
          ? `The head given is the chain's value after row ${row}, which a purge removed; the checkpoint that replaced it carries it.`
          : `The head given is the chain's value after row ${row}: rows 1 to ${row} are as they were.`
      );
  }
  for (const {manifestHash, records} of report.unknownManifests) {
    lines.push(
      `Manifest ${manifestHash} was never published (${records} record(s) answered it): consent-banner records publish --db … cookie-manifest.json`
    );
  }
  return lines.join('\n');
}
