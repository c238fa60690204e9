/**
 * Variants of the fixture datafile that more than one suite needs (unit tests and the browser
 * tests' site). Pure functions on a parsed datafile: no SDK, no network, no DOM.
 */

interface WithRollouts {
  rollouts: Array<{ id: string; experiments: Array<Record<string, unknown>> }>
}

/**
 * A copy with a targeted delivery: pro_banner's rollout gains a rule "beta" (everyone, flag on)
 * before its Everyone Else rule, so visitors outside the experiment's audience get a delivery.
 */
export function withTargetedDelivery<T extends object>(datafile: T): T {
  const copy = JSON.parse(JSON.stringify(datafile)) as T & WithRollouts
  const rollout = copy.rollouts.find((candidate) => candidate.id === '3002')
  if (!rollout) throw new Error('the datafile has no rollout 3002')
  rollout.experiments.unshift({
    ...rollout.experiments[0],
    id: '3202',
    key: 'beta',
    variations: [{ id: '5202', key: 'on', featureEnabled: true, variables: [] }],
    trafficAllocation: [{ entityId: '5202', endOfRange: 10000 }]
  })
  return copy
}

interface WithHoldouts {
  holdouts?: Array<Record<string, unknown>>
  localHoldouts?: Array<Record<string, unknown>>
  experiments: Array<{ id: string; type?: string; variations: unknown[]; trafficAllocation: unknown[] }>
}

/** A holdout of `percent` of all traffic (one "off" variation), as SDK 6.6 datafiles carry it. */
function holdout(id: string, key: string, variationId: string, percent: number) {
  return {
    id,
    key,
    status: 'Running',
    audienceIds: [],
    audienceConditions: [],
    variations: [{ id: variationId, key: 'off', featureEnabled: false, variables: [] }],
    trafficAllocation: [{ entityId: variationId, endOfRange: percent * 100 }]
  }
}

export const GLOBAL_HOLDOUT = { id: '7001', key: 'global_holdout', variationId: '7101' }
export const LOCAL_HOLDOUT = { id: '7002', key: 'checkout_local_holdout', variationId: '7102' }

/**
 * A copy with holdouts: `global` (the `holdouts` section, every flag) and `local` (the
 * `localHoldouts` section, scoped to checkout_redesign's experiment rule 2001), each holding out
 * the given percentage of visitors.
 */
export function withHoldouts<T extends object>(datafile: T, { global = 0, local = 0 }: { global?: number; local?: number }): T {
  const copy = JSON.parse(JSON.stringify(datafile)) as T & WithHoldouts
  if (global > 0) copy.holdouts = [holdout(GLOBAL_HOLDOUT.id, GLOBAL_HOLDOUT.key, GLOBAL_HOLDOUT.variationId, global)]
  if (local > 0)
    copy.localHoldouts = [{ ...holdout(LOCAL_HOLDOUT.id, LOCAL_HOLDOUT.key, LOCAL_HOLDOUT.variationId, local), includedRules: ['2001'] }]
  return copy
}

/**
 * A copy where checkout_redesign's experiment rule is a Feature Rollout (type `fr`, SDK 6.4): one
 * "treatment" variation for half the visitors; the SDK gives the others the flag's Everyone Else
 * variation under the same rule.
 */
export function withFeatureRollout<T extends object>(datafile: T): T {
  const copy = JSON.parse(JSON.stringify(datafile)) as T & WithHoldouts
  const rule = copy.experiments.find((experiment) => experiment.id === '2001')
  if (!rule) throw new Error('the datafile has no experiment 2001')
  rule.type = 'fr'
  rule.variations = rule.variations.filter((variation) => (variation as { key: string }).key === 'treatment')
  rule.trafficAllocation = [{ entityId: '5002', endOfRange: 5000 }]
  return copy
}
