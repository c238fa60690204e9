/**
 * What kind of rule made a flag decision: the DECISION notification names the rule (its ID and
 * key) but not whether it is an experiment or a delivery. The SDK's OptimizelyConfig says so per
 * flag, and the SDK builds it once per datafile.
 *
 * - `experiment`: an experiment rule (an A/B test, including one in a mutual exclusion group). Its
 *   decisions are exposures with results in Optimizely.
 * - `delivery`: a targeted-delivery (rollout) rule.
 * - `everyone-else`: the last delivery rule of a flag, the default a visitor gets when no other
 *   rule applies (usually the flag off). Never an exposure.
 */
import type { OptimizelyConfig } from '../client/optimizelySdk'

export type RuleKind = 'experiment' | 'delivery' | 'everyone-else'

function ruleKindsFromConfig(config: OptimizelyConfig | null | undefined): Map<string, RuleKind> {
  const kinds = new Map<string, RuleKind>()
  for (const flag of Object.values(config?.featuresMap ?? {})) {
    const deliveries = flag.deliveryRules ?? []
    deliveries.forEach((rule, index) => kinds.set(rule.id, index === deliveries.length - 1 ? 'everyone-else' : 'delivery'))
    for (const rule of flag.experimentRules ?? []) kinds.set(rule.id, 'experiment')
  }
  return kinds
}

/** Reads the rule kinds of whatever datafile the client holds now, once per datafile. */
export function createRuleKindReader(currentConfig: () => OptimizelyConfig | null | undefined): (ruleId: string) => RuleKind | undefined {
  let readFrom: OptimizelyConfig | null | undefined
  let kinds = new Map<string, RuleKind>()
  return (ruleId) => {
    const config = currentConfig()
    if (config !== readFrom) {
      readFrom = config
      kinds = ruleKindsFromConfig(config)
    }
    return kinds.get(ruleId)
  }
}
