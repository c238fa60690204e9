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
