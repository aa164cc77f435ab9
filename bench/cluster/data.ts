// The KM-large blobs of ../shared (raw float64 little-endian, 200,000 x 8), for the comparison scripts.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = process.env.CRM_SHARED_DIR ?? resolve(REPO, '..', 'shared');
export const BLOBS = resolve(SHARED, 'data', 'blobs_200k_8.f64.gz');

export function loadBlobs(): Float64Array {
  const buf = gunzipSync(readFileSync(BLOBS));
  return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length));
}
