/**
 * What kind of rule made a flag decision, read from the datafile: the DECISION notification names
 * the rule (its ID and key) but not whether it is an experiment or a delivery.
 *
 * - `experiment`: an A/B test rule (top-level `experiments`, or an experiment in a mutual
 *   exclusion group). Its decisions are exposures with results in Optimizely.
 * - `delivery`: a targeted-delivery (rollout) rule.
 * - `everyone-else`: the last rule of a flag's rollout, the default a visitor gets when no other
 *   rule applies (usually the flag off). Never an exposure.
 */
import { isPlainObject } from '../shared/valueRules'

export type RuleKind = 'experiment' | 'delivery' | 'everyone-else'

function idsOf(list: unknown): string[] {
  if (!Array.isArray(list)) return []
  return list.map((rule) => (isPlainObject(rule) ? String(rule.id) : '')).filter((id) => id !== '')
}

export function ruleKindsFromDatafile(datafile: unknown): Map<string, RuleKind> {
  const kinds = new Map<string, RuleKind>()
  if (!isPlainObject(datafile)) return kinds
  for (const rollout of Array.isArray(datafile.rollouts) ? datafile.rollouts : []) {
    const ids = isPlainObject(rollout) ? idsOf(rollout.experiments) : []
    ids.forEach((id, index) => kinds.set(id, index === ids.length - 1 ? 'everyone-else' : 'delivery'))
  }
  const groups = Array.isArray(datafile.groups) ? datafile.groups : []
  const experimentIds = [
    ...idsOf(datafile.experiments),
    ...groups.flatMap((group) => (isPlainObject(group) ? idsOf(group.experiments) : []))
  ]
  for (const id of experimentIds) kinds.set(id, 'experiment')
  return kinds
}

/** Reads the rule kinds of whatever datafile the client holds now, parsing each datafile once. */
export function createRuleKindReader(currentDatafile: () => string | undefined): (ruleId: string) => RuleKind | undefined {
  let parsedText: string | undefined
  let kinds = new Map<string, RuleKind>()
  return (ruleId) => {
    const text = currentDatafile()
    if (text !== parsedText) {
      parsedText = text
      try {
        kinds = ruleKindsFromDatafile(text === undefined ? undefined : JSON.parse(text))
      } catch {
        kinds = new Map()
      }
    }
    return kinds.get(ruleId)
  }
}
