// The action tables the deployed functions really register: each `cloudfunctions/<name>/index.ts` is
// imported with `defineFunction` replaced by a recorder, so whatever a function merges into its table
// (now or later) is listed — tests enumerate actions and read their zod schemas from here.
import fs from 'node:fs';
import path from 'node:path';
import { vi } from 'vitest';
import type { z } from 'zod';
import { FUNCTION_NAMES } from '../../core/api';
import type { Access } from '../../core/roles';

export interface RegisteredAction {
  fn: string;
  name: string;
  access: Access;
  input: z.ZodType;
}

const ROOT = path.resolve(__dirname, '../..');
const HANDLER = path.join(ROOT, 'cloudfunctions/_shared/handler.ts');

/** Every `<function>.<action>` the functions define, in registration order. */
export async function loadActions(): Promise<RegisteredAction[]> {
  const registry = new Map<string, Record<string, { access: Access; input: z.ZodType }>>();
  vi.doMock(HANDLER, async (importOriginal) => ({
    ...(await importOriginal<object>()),
    defineFunction: (name: string, actions: Record<string, { access: Access; input: z.ZodType }>) => {
      registry.set(name, actions);
      return async () => null;
    },
  }));
  try {
    // `index.ts` explicitly: the built bundle `index.js` sits beside it.
    for (const fn of FUNCTION_NAMES) await import(path.join(ROOT, 'cloudfunctions', fn, 'index.ts'));
  } finally {
    vi.doUnmock(HANDLER);
  }
  const out: RegisteredAction[] = [];
  for (const [fn, actions] of registry) {
    for (const [name, def] of Object.entries(actions)) out.push({ fn, name, access: def.access, input: def.input });
  }
  return out;
}

/** Deployed function folders (every folder of cloudfunctions/ with an index.ts, `_shared` aside). */
export function functionFolders(): string[] {
  const dir = path.join(ROOT, 'cloudfunctions');
  return fs
    .readdirSync(dir)
    .filter((f) => !f.startsWith('_') && fs.existsSync(path.join(dir, f, 'index.ts')))
    .sort();
}
