import {createHash} from 'node:crypto';

/*
 * The hash chain over consent_records (README, “Proof of consent”): each row stores the SHA-256
 * of its body (record_hash) and the chain's value after the row before it (prev_hash); the
 * chain's value after a row is the SHA-256 of one line per field:
 *
 *     <prev_hash hex>\n<seq>\n<received_at ms>\n<kind>\n<record_hash hex>
 *
 * starting from 32 zero bytes (chainHash below; chainHashSql is the same value computed by
 * PostgreSQL, where the receiver appends a batch in one statement). Editing a body, a time or a
 * row number, deleting a row or reordering rows changes every value after it: `records verify`
 * recomputes them and names the first row that does not follow. The value after the last row
 * is the head: kept elsewhere (a ticket, an e-mail to yourself, a timestamping service), it
 * proves that no row before it was rewritten since, for anyone who can write the database could
 * recompute a whole chain.
 */

export const ZERO_HASH = new Uint8Array(32);

export const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The chain's value after a row. */
export function chainHash(prev: Uint8Array, seq: number, receivedAt: number, kind: string, recordHash: Uint8Array): Buffer {
  return sha256(`${hex(prev)}\n${seq}\n${receivedAt}\n${kind}\n${hex(recordHash)}`);
}

/**
 * chainHash as a PostgreSQL expression over the SQL expressions given (prev and recordHash
 * BYTEA, seq and receivedAt BIGINT, kind TEXT): the same lines, the same SHA-256
 * (migrations.ts, consent_records_append).
 */
export function chainHashSql(prev: string, seq: string, receivedAt: string, kind: string, recordHash: string): string {
  const line = 'chr(10)';
  return `sha256(convert_to(concat_ws(${line}, encode(${prev}, 'hex'), ${seq}::text, ${receivedAt}::text, ${kind}, encode(${recordHash}, 'hex')), 'UTF8'))`;
}
