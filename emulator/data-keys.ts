// The data keys (KEFU_DATA_KEYS) the emulator hands to every function instance and seals its seeds with.
// In-memory data: a fresh key per run. A data folder: the caller's keys (the environment in `npm start`),
// else a key generated once and kept beside the data (0600), like the gateway secret.
import fs from 'node:fs';
import path from 'node:path';
import { generateKeySpec, parseKeyring } from '../cloudfunctions/_shared/seal';

export const DATA_KEYS_FILE = 'data-keys';

export interface DataKeys {
  /** The `KEFU_DATA_KEYS` value. */
  spec: string;
  /** Where it came from, for the start banner. */
  source: 'given' | 'file' | 'generated' | 'memory';
  file?: string;
}

export function loadDataKeys(dataDir: string | null, given?: string): DataKeys {
  if (given !== undefined && given.trim()) {
    parseKeyring(given);
    return { spec: given.trim(), source: 'given' };
  }
  if (!dataDir) return { spec: generateKeySpec('mem'), source: 'memory' };
  const file = path.join(dataDir, DATA_KEYS_FILE);
  if (fs.existsSync(file)) {
    const spec = fs.readFileSync(file, 'utf8').trim();
    parseKeyring(spec);
    return { spec, source: 'file', file };
  }
  const spec = generateKeySpec('k1');
  fs.writeFileSync(file, `${spec}\n`, { mode: 0o600 });
  return { spec, source: 'generated', file };
}
