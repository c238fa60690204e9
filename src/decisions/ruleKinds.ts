/**
 * What kind of rule made a flag decision: the DECISION notification names the rule (its ID and
 * key) but not what it is. The SDK's OptimizelyConfig says per flag which rules are experiment
 * rules and which are delivery rules; the datafile the SDK holds adds what OptimizelyConfig does
 * not expose: each experiment rule's `type` and the holdouts (SDK 6.3 global `holdouts`, 6.5
 * rule-scoped `localHoldouts`). Both are read once per datafile.
 *
 * - `experiment`: an experiment rule: A/B test (also in a mutual exclusion group), multi-armed or
 *   contextual bandit. Its decisions are impressions in Optimizely's results.
 * - `feature-rollout`: an experiment rule of type `fr` (SDK 6.4): a rollout Optimizely measures
 *   like an A/B test; visitors outside it get the Everyone Else variation under the same rule.
 * - `holdout`: a global or local holdout; its decisions are impressions of the holdout.
 * - `delivery`: a targeted-delivery (rollout) rule, or an experiment rule of type `td`.
 * - `everyone-else`: the last delivery rule of a flag, the default a visitor gets when no other
 *   rule applies (usually the flag off).
 */
import type { OptimizelyConfig } from '../client/optimizelySdk'

export type RuleKind = 'experiment' | 'feature-rollout' | 'holdout' | 'delivery' | 'everyone-else'

/** The `rule_type` property of Experiment Viewed (the kinds a site's analysts tell apart). */
export type RuleType = 'experiment' | 'holdout' | 'delivery'

export function ruleTypeOf(kind: RuleKind): RuleType {
  return kind === 'experiment' || kind === 'holdout' ? kind : 'delivery'
}

interface DatafileRules {
  experiments?: Array<{ id?: unknown; type?: unknown }>
  groups?: Array<{ experiments?: Array<{ id?: unknown; type?: unknown }> }>
  holdouts?: Array<{ id?: unknown }>
  localHoldouts?: Array<{ id?: unknown }>
}

function datafileOf(config: OptimizelyConfig): DatafileRules {
  try {
    const datafile: unknown = JSON.parse(config.getDatafile())
    return typeof datafile === 'object' && datafile !== null ? datafile : {}
  } catch {
    return {}
  }
}

const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : [])

function ruleKindsFromConfig(config: OptimizelyConfig | null | undefined): Map<string, RuleKind> {
  const kinds = new Map<string, RuleKind>()
  if (!config) return kinds
  const datafile = datafileOf(config)
  const experimentTypes = new Map<unknown, unknown>()
  for (const experiment of [...list(datafile.experiments), ...list(datafile.groups).flatMap((group) => list(group.experiments))]) {
    experimentTypes.set(experiment.id, experiment.type)
  }
  for (const flag of Object.values(config.featuresMap ?? {})) {
    const deliveries = flag.deliveryRules ?? []
    deliveries.forEach((rule, index) => kinds.set(rule.id, index === deliveries.length - 1 ? 'everyone-else' : 'delivery'))
    for (const rule of flag.experimentRules ?? []) {
      const type = experimentTypes.get(rule.id)
      kinds.set(rule.id, type === 'fr' ? 'feature-rollout' : type === 'td' ? 'delivery' : 'experiment')
    }
  }
  for (const holdout of [...list(datafile.holdouts), ...list(datafile.localHoldouts)]) {
    if (typeof holdout.id === 'string') kinds.set(holdout.id, 'holdout')
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
