import type {SentRecord} from '../src/core/record-contract.js';
import type {RecordStore, StoredRow} from './store.js';

/*
 * `consent-banner records export`: the records of one consent id (a visitor's request: the id
 * is in their consent cookie) or of a range of days (a regulator's), in the order of the
 * decisions, each with the manifest it answered when that was published (`records publish`).
 * Written a page at a time: a range of millions of records takes flat memory.
 *
 * JSON: {"records": [{"row", "receivedAt", "record"}…], "manifests": {"<hash>": {"publishedAt",
 * "manifest"} | null}}, each manifest once. CSV: one line per record (RFC 4180), the choices as
 * `id=yes|no` lists, and whether its manifest was published.
 */

export interface ExportQuery {
  id?: string;
  /** ms, included. */
  from?: number;
  /** ms, excluded. */
  to?: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One CSV field: quoted when it holds a comma, a quote or a line break. */
const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
const choices = (map: Record<string, boolean> | Record<string, string> | undefined) =>
  Object.entries(map ?? {})
    .map(([id, value]) => `${id}=${value === true ? 'yes' : value === false ? 'no' : value}`)
    .join(' ');

export const CSV_COLUMNS = [
  'row',
  'received_at',
  'id',
  'timestamp',
  'method',
  'revision',
  'manifest_hash',
  'manifest_published',
  'language',
  'ui_version',
  'categories',
  'services',
  'purposes',
];

/** Writes the export to `write`; resolves with the number of records. */
export async function exportRecords(
  store: RecordStore,
  query: ExportQuery,
  format: 'json' | 'csv',
  write: (text: string) => void | Promise<void>
): Promise<number> {
  // First the manifests the records answered (one pass), then the records (a second): both in pages.
  const hashes = new Set<string>();
  const pages = async function* () {
    let after: StoredRow | undefined;
    for (;;) {
      const page = await store.records(query, after);
      if (!page.length) return;
      yield page;
      after = page.at(-1);
    }
  };
  for await (const page of pages()) for (const row of page) hashes.add((JSON.parse(row.body) as SentRecord).manifestHash);
  const published = await store.manifests([...hashes]);
  let count = 0;
  if (format === 'csv') {
    await write(CSV_COLUMNS.join(',') + '\r\n');
    for await (const page of pages()) {
      let text = '';
      for (const row of page) {
        const r = JSON.parse(row.body) as SentRecord;
        const line = [
          String(row.seq),
          iso(row.receivedAt),
          r.id,
          r.timestamp,
          r.method,
          String(r.revision),
          r.manifestHash,
          published.has(r.manifestHash) ? 'yes' : 'no',
          r.language,
          r.uiVersion,
          choices(r.categories),
          choices(r.services),
          choices(r.purposes),
        ];
        text += line.map(field).join(',') + '\r\n';
        count++;
      }
      await write(text);
    }
    return count;
  }
  await write('{\n  "records": [');
  for await (const page of pages()) {
    const items = page.map((row) => `\n    {"row": ${row.seq}, "receivedAt": "${iso(row.receivedAt)}", "record": ${row.body}}`);
    await write((count ? ',' : '') + items.join(','));
    count += page.length;
  }
  await write(`${count ? '\n  ' : ''}],\n  "manifests": {`);
  const manifests = [...hashes].sort().map((hash) => {
    const manifest = published.get(hash);
    return `\n    ${JSON.stringify(hash)}: ${manifest ? `{"publishedAt": "${iso(manifest.publishedAt)}", "manifest": ${manifest.body}}` : 'null'}`;
  });
  await write(`${manifests.join(',')}${manifests.length ? '\n  ' : ''}}\n}\n`);
  return count;
}
