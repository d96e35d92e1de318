/*
 * Byte sizes as a visitor's browser would download them: raw, gzip (level 9) and brotli
 * (quality 11), with Node's zlib. Shared by the bench and the size budget test.
 */
import {createHash} from 'node:crypto';
import {brotliCompressSync, constants, gzipSync} from 'node:zlib';

const cache = new Map();

/** `{raw, gzip, brotli}` in bytes. */
export function sizes(content) {
  const buffer = Buffer.isBuffer(content) ? content : Buffer.from(content);
  const key = createHash('sha1').update(buffer).digest('hex');
  let result = cache.get(key);
  if (!result) {
    result = {
      raw: buffer.length,
      gzip: gzipSync(buffer, {level: 9}).length,
      brotli: brotliCompressSync(buffer, {
        params: {[constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buffer.length},
      }).length,
    };
    cache.set(key, result);
  }
  return result;
}

/** Bytes in KiB (1024 bytes), one decimal: the unit of the figures (13.5 KiB = 13,782 bytes). */
export const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
