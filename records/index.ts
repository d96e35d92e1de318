/*
 * `consent-banner/records`: the record receiver for any server that speaks the Fetch API
 * (README, “Proof of consent”). `createRecordsHandler` answers the banner's POSTs (and their CORS
 * preflight) and stores the records; `nodeListener` puts a Fetch handler behind Node's own HTTP
 * server (or Express); `createStatsHandler` serves the consent rates. The drivers, libsql (SQLite)
 * and pg (PostgreSQL), are optional peer dependencies: install the one your database needs.
 */
export {createRecordsHandler} from './handler.js';
export type {RecordsHandler, RecordsHandlerOptions, RequestInfo} from './handler.js';
export {nodeListener} from './node.js';
export type {FetchHandler} from './node.js';
export {createStatsHandler} from './stats-page.js';
export type {StatsHandlerOptions} from './stats-page.js';
export {RecordStore} from './store.js';
export type {Appended, StoredRow} from './store.js';
export type {SentRecord} from '../src/core/record-contract.js';
