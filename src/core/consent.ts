/*
 * The consent record: what the visitor decided, as pure data, and the shape of each of its fields.
 * It is made by make-record.ts, held against a changed manifest by purposes.ts, stored by
 * record-codec.ts; hash.ts names the manifest it answers.
 */

/**
 * How a decision was made; kept in the record as proof of consent (README, “Proof of consent”). `close`: the first layer
 * closed (× or Escape), a refusal (R11). `gpc`, `adpc`: a refusal recorded for the browser's
 * privacy signal (Global Privacy Control, or ADPC's withdrawal), without asking (R35).
 */
export type ConsentMethod = 'accept-all' | 'reject-all' | 'custom' | 'close' | 'placeholder' | 'opt-out' | 'gpc' | 'adpc' | 'api';

export interface ConsentRecord {
  /** Random consent id (UUID v4, 122 random bits), kept across the visitor's later decisions. */
  id: string;
  /** When this decision was made, ISO 8601 UTC. */
  timestamp: string;
  /** The manifest `revision` the visitor answered. */
  revision: number;
  /** `manifestHash` of the manifest the visitor answered: which texts and lists were shown. */
  manifestHash: string;
  method: ConsentMethod;
  /** The language the banner spoke (BCP 47), `und` when unknown. */
  language: string;
  /** The version of this component that asked: proof of what the visitor saw. */
  uiVersion: string;
  /** Every category of the manifest: may it run? */
  categories: Record<string, boolean>;
  /** Every service of the manifest: may it run? */
  services: Record<string, boolean>;
  /**
   * Each purpose (consent category) the visitor answered: `"<minute>.<fingerprint>"`, the time
   * of the answer (minutes since 1970-01-01 UTC) and the fingerprint of the purpose as it was then
   * (`purposeFingerprint`). It tells which purposes are new, changed or expired since. Absent in
   * records stored before it existed (format 2).
   */
  purposes?: Record<string, string>;
}

/** What a visitor (or a program) chose; anything left out keeps its previous value, else off. */
export interface ConsentChoice {
  categories?: Record<string, boolean>;
  services?: Record<string, boolean>;
}

/** Where and how the decision was asked; all optional. */
export interface DecisionContext {
  /** The language the banner spoke; else the manifest's first language. */
  language?: string;
  makeId?: () => string;
}

/* The shape of each field, for the checks of a stored record (record-codec.ts) and a sent one (record-contract.ts). */
export const METHODS: readonly ConsentMethod[] = [
  'accept-all',
  'reject-all',
  'custom',
  'close',
  'placeholder',
  'opt-out',
  'gpc',
  'adpc',
  'api',
];
/**
 * The record's fields, in the order the banner writes them (the stored cookie's JSON, after the
 * format version `v` and before its checksum; the record the log sends, after `v`).
 */
export const RECORD_FIELDS = [
  'id',
  'timestamp',
  'revision',
  'manifestHash',
  'method',
  'language',
  'uiVersion',
  'categories',
  'services',
  'purposes',
] as const;

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const HASH = /^[0-9a-f]{16}$/;
/** The shape of a BCP 47 tag (`fr`, `en-GB`, `zh-Hant-TW`), not its registry. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$/;
export const VERSION = /^[0-9A-Za-z.+-]{1,32}$/;
export const PURPOSE = /^\d{1,9}\.[0-9a-z]{1,7}$/;
