// The FAQ matcher's index, built once per warm function instance from the enabled `faq_entries` and
// rebuilt only when the FAQ changed. Shared by `faq` (ask, search) and `session` (the chat bot).
//
// Change detection: one aggregate (count and newest `updatedAt` of enabled entries), at most once every
// CHECK_INTERVAL_MS per instance. Every write to an entry sets `updatedAt`; enabling or disabling one
// changes the count, so both show up as a new version. Staff synonyms (`settings/faq_synonyms`) are
// part of the version (they change the index); keyword rules (`faq_rules`) are small and re-read at
// each check, no rebuild needed.
import { buildIndex, match, rank, type FaqEntryInput, type FaqIndex, type MatchResult, type Scored } from '../../../core/faq';
import { compileRules, matchRule, type CompiledRules, type KeywordRule } from '../../../core/faq/rules';
import { FAQ_LIMITS } from '../../../core/faq/limits';
import { db } from '../cloud';
import { aggregated, first, rows } from '../db';
import { logWarn } from '../log';

/** How long a checked version is trusted before the next check (a staff edit shows within this). */
export const CHECK_INTERVAL_MS = 2000;

const PAGE = 1000;

export interface CachedEntry {
  id: string;
  categoryId: string;
  question: string;
  answer: string;
}

export interface FaqSnapshot {
  index: FaqIndex;
  rules: CompiledRules;
  entries: Map<string, CachedEntry>;
  version: string;
  builtAt: number;
  buildMs: number;
}

interface StoredEntry extends CachedEntry {
  _id: string;
  similar?: unknown;
  keywords?: unknown;
}

let current: FaqSnapshot | null = null;
let checkedAt = 0;
let pending: Promise<FaqSnapshot> | null = null;

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string' && s.trim().length > 0) : []);

/** Where staff synonym groups are stored (`{groups: string[][], updatedAt}`). */
export const SYNONYMS_DOC = 'faq_synonyms';

interface SynonymsDoc {
  groups?: unknown;
  updatedAt?: Date | string | null;
}

async function entriesVersion(): Promise<string> {
  const $ = db.command.aggregate;
  const [v] = await aggregated<{ n: number; newest: Date | string | null }>(
    db.collection('faq_entries').aggregate().match({ enabled: true }).group({ _id: null, n: $.sum(1), newest: $.max('$updatedAt') }),
  );
  if (!v) return '0|0';
  return `${v.n}|${v.newest ? new Date(v.newest).getTime() : 0}`;
}

/** Staff synonym groups as stored (invalid members dropped). */
export function synonymGroups(doc: SynonymsDoc | null): string[][] {
  return Array.isArray(doc?.groups) ? doc.groups.map(strings).filter((g) => g.length >= 2) : [];
}

export async function loadSynonyms(): Promise<SynonymsDoc | null> {
  return first<SynonymsDoc>(db.collection('settings').where({ _id: SYNONYMS_DOC }));
}

export async function loadRules(): Promise<KeywordRule[]> {
  const stored = await rows<Record<string, unknown>>(db.collection('faq_rules').where({ enabled: true }).orderBy('order', 'asc').limit(FAQ_LIMITS.rules));
  return stored.map((r) => ({
    id: String(r._id),
    pattern: String(r.pattern ?? ''),
    match: r.match === 'exact' ? 'exact' : 'contains',
    action: r.action === 'handoff' ? 'handoff' : 'answer',
    ...(typeof r.entryId === 'string' ? { entryId: r.entryId } : {}),
    enabled: r.enabled === true,
    order: typeof r.order === 'number' ? r.order : 0,
  }));
}

/** What the matcher indexes of a stored entry: its question, similar questions and keywords. */
export function indexInput(e: Pick<StoredEntry, '_id' | 'question' | 'similar' | 'keywords'>): FaqEntryInput {
  return { id: String(e._id), question: String(e.question ?? ''), similar: strings(e.similar), keywords: strings(e.keywords) };
}

/** The matcher's index over entries (`indexInput`), built as the bot's is (with the staff synonym groups). */
export function buildFaqIndex(inputs: FaqEntryInput[], synonyms: string[][]): FaqIndex {
  return buildIndex(inputs, { synonyms });
}

async function load(version: string, synonyms: string[][], rules: CompiledRules): Promise<FaqSnapshot> {
  const started = Date.now();
  const all: StoredEntry[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await rows<StoredEntry>(
      db
        .collection('faq_entries')
        .where({ enabled: true })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(PAGE)
        .field({ _id: true, categoryId: true, question: true, answer: true, similar: true, keywords: true }),
    );
    all.push(...page);
    if (page.length < PAGE) break;
  }
  const entries = new Map<string, CachedEntry>();
  for (const e of all) {
    entries.set(String(e._id), { id: String(e._id), categoryId: String(e.categoryId ?? ''), question: String(e.question ?? ''), answer: String(e.answer ?? '') });
  }
  const index = buildFaqIndex(all.map(indexInput), synonyms);
  return { index, rules, entries, version, builtAt: Date.now(), buildMs: Date.now() - started };
}

/** The index of the enabled FAQ, checked against the database at most every CHECK_INTERVAL_MS. */
export async function faqSnapshot(now = Date.now()): Promise<FaqSnapshot> {
  if (current && now - checkedAt < CHECK_INTERVAL_MS) return current;
  // One check (and one rebuild) at a time per instance.
  pending ??= (async () => {
    try {
      const [entries, synonymsDoc, ruleList] = await Promise.all([entriesVersion(), loadSynonyms(), loadRules()]);
      const synonyms = synonymGroups(synonymsDoc);
      const version = `${entries}|${synonymsDoc?.updatedAt ? new Date(synonymsDoc.updatedAt).getTime() : 0}`;
      const rules = compileRules(ruleList);
      checkedAt = Date.now();
      if (!current || current.version !== version) current = await load(version, synonyms, rules);
      else current = { ...current, rules };
      return current;
    } catch (err) {
      // The database hiccupped: a warm instance keeps answering from the index it has.
      if (current) {
        logWarn('[faq] index check failed, using the current index', err);
        return current;
      }
      throw err;
    } finally {
      pending = null;
    }
  })();
  return pending;
}

/**
 * Forget when the version was last checked, so this instance's next question re-reads it: a staff
 * write through this instance is answered at once (other warm instances see it within CHECK_INTERVAL_MS).
 */
export function invalidateFaqIndex(): void {
  checkedAt = 0;
}

export interface FaqAnswer {
  match: (Scored & CachedEntry) | null;
  suggestions: Array<Scored & CachedEntry>;
  confidence: number;
  /** A staff keyword rule asks to hand over to a person (then `match` is null and there are no suggestions). */
  action?: 'handoff';
  /** The keyword rule that decided the answer, if one did. */
  ruleId?: string;
}

/**
 * Match a customer's question. Staff keyword rules run first: an 'answer' rule answers with its
 * (published) entry at score 1, a 'handoff' rule returns `action: 'handoff'`. Otherwise the matcher:
 * the confident answer, and up to 3 other questions they may mean.
 */
export async function askFaq(text: string): Promise<FaqAnswer> {
  const snap = await faqSnapshot();
  const rule = matchRule(snap.rules, text);
  if (rule?.action === 'handoff') return { match: null, suggestions: [], confidence: 1, action: 'handoff', ruleId: rule.id };
  const ruled = rule?.entryId ? snap.entries.get(rule.entryId) : undefined;
  // An 'answer' rule whose entry is unpublished or gone falls through to the matcher.
  if (ruled) return { match: { ...ruled, score: 1 }, suggestions: [], confidence: 1, ruleId: rule!.id };
  const res: MatchResult = match(snap.index, text);
  const withEntry = (s: Scored) => {
    const e = snap.entries.get(s.id);
    return e ? { ...e, score: s.score } : null;
  };
  const suggestions = res.suggestions
    .map(withEntry)
    .filter((s): s is Scored & CachedEntry => s !== null)
    .slice(0, 3);
  return { match: res.match ? withEntry(res.match) : null, suggestions, confidence: res.confidence };
}

/** Search-box ranking: up to `limit` entries scoring at least `floor`. */
export async function searchFaq(q: string, limit = 10, floor = 0.08): Promise<Array<Scored & CachedEntry>> {
  const snap = await faqSnapshot();
  return rank(snap.index, q, limit)
    .filter((s) => s.score >= floor)
    .map((s) => {
      const e = snap.entries.get(s.id);
      return e ? { ...e, score: s.score } : null;
    })
    .filter((s): s is Scored & CachedEntry => s !== null);
}
