// Versioned JSON form of a trained churn model. Typed arrays become plain number arrays; reading
// validates the whole document with zod and checks that the trees and coefficients fit together.
import { z } from 'zod';
import type { ChurnModelState } from './churn-model';
import type { Tree } from './gbdt';

export const MODEL_FORMAT = 'vipdesk-churn-model';
export const MODEL_VERSION = 1;

const featureSchema = z.object({ name: z.string(), kind: z.enum(['numeric', 'categorical']) });
const binnerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('numeric'), name: z.string(), upper: z.array(z.number()) }),
  z.object({ kind: z.literal('categorical'), name: z.string(), categories: z.array(z.string()) }),
]);
const treeSchema = z.object({
  feature: z.array(z.number().int()),
  left: z.array(z.number().int()),
  right: z.array(z.number().int()),
  value: z.array(z.number()),
  leftBins: z.array(z.number().int().min(-0x80000000).max(0x7fffffff)),
});
const logisticFeatureSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('numeric'),
    name: z.string(),
    first: z.number().int(),
    median: z.number(),
    mean: z.number(),
    scale: z.number(),
    edges: z.array(z.number()),
    missingColumn: z.number().int(),
  }),
  z.object({
    kind: z.literal('categorical'),
    name: z.string(),
    first: z.number().int(),
    levels: z.array(z.string()),
  }),
]);

const modelSchema = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_VERSION),
  features: z.array(featureSchema).min(1),
  gbdt: z
    .object({ baseScore: z.number(), binners: z.array(binnerSchema), trees: z.array(treeSchema) })
    .nullable(),
  logistic: z
    .object({
      params: z.object({ c: z.number().positive(), bins: z.number().int().min(0) }),
      features: z.array(logisticFeatureSchema),
      coef: z.array(z.number()),
      featureOffsets: z.array(z.number()),
    })
    .nullable(),
  blendWeight: z.number().min(0).max(1),
  platt: z.object({ a: z.number(), b: z.number() }),
  summary: z.object({
    kind: z.string(),
    params: z.record(z.string(), z.unknown()),
    cvRocAuc: z.number(),
    trainRows: z.number().int(),
    trainSeconds: z.number(),
  }),
});

export type ModelDocument = z.infer<typeof modelSchema>;

export function serializeModel(state: ChurnModelState): ModelDocument {
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    features: state.features,
    gbdt: state.gbdt && {
      baseScore: state.gbdt.baseScore,
      binners: state.gbdt.binners,
      trees: state.gbdt.trees.map((tree) => ({
        feature: Array.from(tree.feature),
        left: Array.from(tree.left),
        right: Array.from(tree.right),
        value: Array.from(tree.value),
        leftBins: Array.from(tree.leftBins),
      })),
    },
    logistic: state.logistic && {
      params: state.logistic.params,
      features: state.logistic.features,
      coef: Array.from(state.logistic.coef),
      featureOffsets: Array.from(state.logistic.featureOffsets),
    },
    blendWeight: state.blendWeight,
    platt: state.platt,
    summary: state.summary,
  };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(document)'}: ${issue.message}`)
    .join('; ');
}

export function parseModelJson(json: unknown): ChurnModelState {
  const parsed = modelSchema.safeParse(json);
  if (!parsed.success) throw new Error(`not a valid vipdesk churn model: ${describeIssues(parsed.error)}`);
  const doc = parsed.data;
  if (!doc.gbdt && !doc.logistic)
    throw new Error('not a valid vipdesk churn model: it has neither trees nor a logistic part');
  const features = doc.features.length;
  const gbdt = doc.gbdt && {
    baseScore: doc.gbdt.baseScore,
    binners: doc.gbdt.binners,
    trees: doc.gbdt.trees.map((tree, t) => checkedTree(tree, t, features)),
  };
  if (gbdt && gbdt.binners.length !== features)
    throw new Error('not a valid vipdesk churn model: the trees have a different number of features');
  const logistic = doc.logistic && {
    params: doc.logistic.params,
    features: doc.logistic.features,
    coef: Float64Array.from(doc.logistic.coef),
    featureOffsets: Float64Array.from(doc.logistic.featureOffsets),
  };
  if (logistic && (logistic.features.length !== features || logistic.featureOffsets.length !== features))
    throw new Error('not a valid vipdesk churn model: the logistic part has a different number of features');
  return {
    features: doc.features,
    gbdt,
    logistic,
    blendWeight: doc.blendWeight,
    platt: doc.platt,
    summary: doc.summary,
  };
}

function checkedTree(tree: z.infer<typeof treeSchema>, index: number, features: number): Tree {
  const nodes = tree.feature.length;
  const fits =
    nodes > 0 &&
    tree.left.length === nodes &&
    tree.right.length === nodes &&
    tree.value.length === nodes &&
    tree.leftBins.length === nodes * 8 &&
    tree.feature.every((f, node) => {
      if (f < 0) return true;
      const l = tree.left[node] ?? -1;
      const r = tree.right[node] ?? -1;
      return f < features && l > node && r === l + 1 && r < nodes;
    });
  if (!fits) throw new Error(`not a valid vipdesk churn model: tree ${index} is malformed`);
  return {
    feature: Int32Array.from(tree.feature),
    left: Int32Array.from(tree.left),
    right: Int32Array.from(tree.right),
    value: Float64Array.from(tree.value),
    leftBins: Int32Array.from(tree.leftBins),
  };
}
