/**
 * Which running experiments use an event as a metric: the datafile lists, per event, the IDs of
 * the experiments whose metrics include it (`events[].experimentIds`), and per experiment its
 * status. Read once per datafile the client holds, for the Conversion Audience `bucketed`.
 */
import type { OptimizelyConfig } from '../client/optimizelySdk'

type Json = Record<string, unknown>

const isObject = (input: unknown): input is Json => input !== null && typeof input === 'object' && !Array.isArray(input)
const listOf = (input: unknown): Json[] => (Array.isArray(input) ? input.filter(isObject) : [])

/** Event key → IDs of the running experiments that use it as a metric. */
export function runningExperimentsByEvent(datafile: unknown): Map<string, Set<string>> {
  const byEvent = new Map<string, Set<string>>()
  if (!isObject(datafile)) return byEvent
  // Experiments in mutual exclusion groups are listed under their group.
  const experiments = [...listOf(datafile.experiments), ...listOf(datafile.groups).flatMap((group) => listOf(group.experiments))]
  const running = new Set(experiments.filter((experiment) => experiment.status === 'Running').map((experiment) => String(experiment.id)))
  for (const event of listOf(datafile.events)) {
    if (typeof event.key !== 'string' || !Array.isArray(event.experimentIds)) continue
    const ids = event.experimentIds.map(String).filter((id) => running.has(id))
    byEvent.set(event.key, new Set(ids))
  }
  return byEvent
}

const NONE: ReadonlySet<string> = new Set()

/** Reads whatever datafile the client holds now, once per datafile. */
export function createEventExperimentsReader(
  currentConfig: () => OptimizelyConfig | null | undefined
): (eventKey: string) => ReadonlySet<string> {
  let readFrom: OptimizelyConfig | null | undefined
  let byEvent = new Map<string, Set<string>>()
  return (eventKey) => {
    const config = currentConfig()
    if (config !== readFrom) {
      readFrom = config
      let datafile: unknown
      try {
        datafile = JSON.parse(config?.getDatafile() ?? 'null')
      } catch {
        datafile = undefined
      }
      byEvent = runningExperimentsByEvent(datafile)
    }
    return byEvent.get(eventKey) ?? NONE
  }
}
