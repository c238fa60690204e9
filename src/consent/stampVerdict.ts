/**
 * What an event's consent stamp (`context.consent.categoryPreferences`, see stamp.ts) says about
 * the destination's categories. In the lazy consent chunk with the gate that asks it.
 */
import { isRecord } from './stamp'

/** What a stamp says about the destination's categories; `unstamped` when the event has none. */
export type StampVerdict = 'granted' | 'refused' | 'unstamped'

/**
 * Granted only when every category of the destination is `true` in the stamp, as the consent
 * wrapper itself decides: a category the stamp leaves out is refused.
 */
export function readStamp(event: unknown, categories: string[]): StampVerdict {
  const context = isRecord(event) ? event.context : undefined
  const consent = isRecord(context) ? context.consent : undefined
  const preferences = isRecord(consent) ? consent.categoryPreferences : undefined
  if (!isRecord(preferences)) return 'unstamped'
  return categories.every((category) => preferences[category] === true) ? 'granted' : 'refused'
}
