// Aggregation: the SDK sends `stages: [{stageKey: "$match", stageValue: "<ejson>"}…]`; the stages are
// whitelisted (no $out/$merge writes, no scripts) and run by mingo's Aggregator.
import { Aggregator, ProcessingMode } from 'mingo';
import { decodeWire, isPlainObject, type Doc } from './ejson';
import { invalidParam, requestFailed } from './errors';
import { assertNoScript, checkCondition } from './query';

const STAGES = new Set([
  '$addFields', '$bucket', '$bucketAuto', '$count', '$facet', '$group', '$limit', '$lookup', '$match',
  '$project', '$replaceRoot', '$replaceWith', '$sample', '$set', '$skip', '$sort', '$sortByCount',
  '$unset', '$unwind',
]);

export type Stage = Record<string, unknown>;

/** Validates a pipeline (recursively for $lookup pipelines and $facet) and returns it typed. */
export function checkPipeline(pipeline: unknown): Stage[] {
  if (!Array.isArray(pipeline)) throw invalidParam('pipeline must be an array');
  return pipeline.map((stage: unknown) => {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) throw invalidParam('each stage needs exactly one operator');
    const [name, value] = Object.entries(stage)[0]!;
    if (!STAGES.has(name)) throw invalidParam(`aggregation stage ${name} is not supported`);
    assertNoScript(value);
    if (name === '$match') checkCondition(value);
    if (name === '$lookup' && isPlainObject(value) && value.pipeline !== undefined) checkPipeline(value.pipeline);
    if (name === '$facet' && isPlainObject(value)) Object.values(value).forEach(checkPipeline);
    return stage;
  });
}

/** The wire form `[{stageKey, stageValue}]` → a validated pipeline. */
export function parseStages(stages: unknown, now: number): Stage[] {
  if (!Array.isArray(stages)) throw invalidParam('stages must be an array');
  return checkPipeline(
    stages.map((s: unknown) => {
      if (!isPlainObject(s) || typeof s.stageKey !== 'string') throw invalidParam('each stage needs a stageKey');
      return { [s.stageKey]: decodeWire(s.stageValue, now) };
    }),
  );
}

/** Runs the pipeline over `source`; `resolve` gives other collections for $lookup (copies). */
export function runPipeline(pipeline: Stage[], source: Doc[], resolve: (name: string) => Doc[]): Doc[] {
  try {
    const aggregator = new Aggregator(pipeline, {
      scriptEnabled: false,
      idKey: '_id',
      processingMode: ProcessingMode.CLONE_INPUT,
      collectionResolver: resolve,
    });
    return aggregator.run<Doc>(source);
  } catch (e) {
    throw requestFailed(`aggregate failed: ${(e as Error).message}`);
  }
}
