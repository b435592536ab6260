// Every action's input is bounded: each string has a maximum length (or a pattern that fixes it) and
// each array a maximum size, so no single field can carry more than its purpose needs. Walks the zod
// schemas by introspection; a field that must be unbounded goes on the allow-list with a reason.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { adminSchemas } from '../../core/schemas/admin.schema';
import { appointmentSchemas } from '../../core/schemas/appointment.schema';
import { deskSchemas, routingSchemas } from '../../core/schemas/desk.schema';
import { faqSchemas } from '../../core/schemas/faq.schema';
import { qaSchemas } from '../../core/schemas/qa.schema';
import { sessionSchemas } from '../../core/schemas/session.schema';
import { statsSchemas } from '../../core/schemas/stats.schema';
import { templatesSchemas } from '../../core/schemas/templates.schema';

const ACTION_SCHEMAS: Record<string, Record<string, z.ZodType>> = {
  admin: adminSchemas,
  appointment: appointmentSchemas,
  desk: deskSchemas,
  routing: routingSchemas,
  faq: faqSchemas,
  qa: qaSchemas,
  session: sessionSchemas,
  stats: statsSchemas,
  templates: templatesSchemas,
};

/** `function.action:path` of fields allowed to be unbounded, with the reason. There should be none. */
const ALLOW_UNBOUNDED: Record<string, string> = {};

interface Def {
  type: string;
  checks?: Array<{ _zod: { def: { check: string; maximum?: number; format?: string; pattern?: RegExp } } }>;
  [key: string]: unknown;
}
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

/** An anchored pattern without `*`, `+` or `{n,}` matches strings of a bounded length. */
function boundedPattern(re: RegExp | undefined): boolean {
  if (!re) return false;
  const src = re.source.replace(/\\./g, 'x');
  return src.startsWith('^') && src.endsWith('$') && !/[*+]|\{\d+,\}/.test(src);
}

function maxOf(def: Def): number | undefined {
  return def.checks?.find((c) => c._zod.def.check === 'max_length' || c._zod.def.check === 'length_equals')?._zod.def.maximum ?? undefined;
}

function stringBounded(def: Def): boolean {
  if (maxOf(def) !== undefined || def.checks?.some((c) => c._zod.def.check === 'length_equals')) return true;
  if (boundedPattern(def.pattern as RegExp | undefined)) return true;
  return def.checks?.some((c) => c._zod.def.check === 'string_format' && boundedPattern(c._zod.def.pattern)) ?? false;
}

/** Paths of unbounded strings and arrays in a schema. */
function unbounded(schema: unknown, path: string, out: string[] = [], seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return out;
  seen.add(schema);
  const def = defOf(schema);
  const walk = (s: unknown, p: string) => unbounded(s, p, out, seen);
  switch (def.type) {
    case 'string':
      if (!stringBounded(def)) out.push(path || '(root)');
      break;
    case 'array':
      if (maxOf(def) === undefined) out.push(`${path}[]`);
      walk(def.element, `${path}[]`);
      break;
    case 'object':
      for (const [key, value] of Object.entries(def.shape as Record<string, unknown>)) walk(value, path ? `${path}.${key}` : key);
      if (def.catchall && defOf(def.catchall).type !== 'never') walk(def.catchall, `${path}.*`);
      break;
    case 'record':
      // Keys must be bounded, and the number of keys refined (a custom check on the record).
      walk(def.keyType, `${path}{key}`);
      walk(def.valueType, `${path}{}`);
      if (!def.checks?.some((c) => c._zod.def.check === 'custom')) out.push(`${path}{}`);
      break;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      walk(def.innerType, path);
      break;
    case 'pipe':
      // The input side is what the client sends.
      walk(def.in, path);
      break;
    case 'union':
      (def.options as unknown[]).forEach((o) => walk(o, path));
      break;
    case 'intersection':
      walk(def.left, path);
      walk(def.right, path);
      break;
    case 'tuple':
      (def.items as unknown[]).forEach((item, i) => walk(item, `${path}[${i}]`));
      if (def.rest) out.push(`${path}[...]`);
      break;
    case 'lazy':
      walk((def.getter as () => unknown)(), path);
      break;
    case 'any':
    case 'unknown':
      out.push(`${path}(any)`);
      break;
    default:
      // number, boolean, enum, literal, date, transform, never…: bounded by their type.
      break;
  }
  return out;
}

describe('action input bounds', () => {
  it('every string has a maximum length and every array a maximum size', () => {
    const found: string[] = [];
    for (const [fn, actions] of Object.entries(ACTION_SCHEMAS)) {
      for (const [name, schema] of Object.entries(actions)) {
        for (const p of unbounded(schema, '')) {
          const key = `${fn}.${name}:${p}`;
          if (!(key in ALLOW_UNBOUNDED)) found.push(key);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('the walker itself finds what is unbounded', async () => {
    const { z } = await import('zod');
    const schema = z.object({ a: z.string(), b: z.array(z.string().max(3)), c: z.string().regex(/^\d+$/), d: z.string().regex(/^\d{4}$/), e: z.record(z.string(), z.number()), f: z.string().max(9).optional() });
    expect(unbounded(schema, '')).toEqual(['a', 'b[]', 'c', 'e{key}', 'e{}']);
  });
});
