/**
 * Reads an Optimizely datafile into what the cloud destination needs: the IDs the Event API wants
 * for events and attributes, the project's event settings, and the catalog the shared value rules
 * check conversions against.
 */
import { IntegrationError } from '@segment/actions-core'
import { catalogFromDatafile, isPlainObject, type DatafileCatalog } from '../shared/valueRules'
import { datafileAccountProblem } from '../shared/datafileAccount'
import { quoted } from './httpErrors'
import {
  answerNotQuoted,
  datafileMissingFields,
  datafileNotJson,
  datafileNotObject,
  datafileOtherAccount,
  datafileSays
} from '../messages/cloud'

export interface Entity {
  id: string
  key: string
}

export interface ProjectDatafile {
  accountId: string
  projectId: string
  revision: string
  anonymizeIP: boolean
  /** Only a boolean is meaningful: it becomes the `$opt_bot_filtering` visitor attribute. */
  botFiltering?: boolean
  /** Where the project's data lives; `EU` projects take events on the EU endpoint. */
  region: 'US' | 'EU'
  events: Entity[]
  attributes: Entity[]
  eventIds: Map<string, string>
  attributeIds: Map<string, string>
  catalog: DatafileCatalog
}

/** The datafile answered but cannot be used; settings (or the project) need fixing, retrying won't help. */
export class DatafileError extends IntegrationError {
  constructor(message: string) {
    super(message, 'INVALID_DATAFILE', 400)
  }
}

/** Entities without a string ID and key cannot be sent to the Event API, so they do not exist here. */
function entities(list: unknown): Entity[] {
  if (!Array.isArray(list)) return []
  return list.filter(isPlainObject).flatMap((item) => {
    const { id, key } = item
    return typeof id === 'string' && id !== '' && typeof key === 'string' && key !== '' ? [{ id, key }] : []
  })
}

/** IDs in datafiles are strings, but hand-edited or older files sometimes carry numbers. */
function idText(input: unknown): string | undefined {
  if (typeof input === 'string' && input !== '') return input
  if (typeof input === 'number' && Number.isSafeInteger(input)) return String(input)
  return undefined
}

/**
 * `quote` says whether the text may appear in messages: only when it came from Optimizely's own
 * hosts. Anything else could be any server's page, and messages are shown to the workspace.
 */
export function parseDatafile(text: string, url: string, options: { quote: boolean } = { quote: true }): ProjectDatafile {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    // Optimizely's CDN answers a deactivated (or archived) project's datafile URL with plain text,
    // quoted whole so its notice reads as Optimizely wrote it.
    const answer = options.quote ? datafileSays(quoted(text.trim())) : answerNotQuoted
    throw new DatafileError(datafileNotJson(url, answer))
  }
  if (!isPlainObject(json)) throw new DatafileError(datafileNotObject(url))

  const accountId = idText(json.accountId)
  const projectId = idText(json.projectId)
  const revision = idText(json.revision)
  if (!accountId || !projectId || !revision || !Array.isArray(json.events)) {
    throw new DatafileError(datafileMissingFields(url))
  }

  const events = entities(json.events)
  const attributes = entities(json.attributes)
  return {
    accountId,
    projectId,
    revision,
    anonymizeIP: json.anonymizeIP === true,
    botFiltering: typeof json.botFiltering === 'boolean' ? json.botFiltering : undefined,
    region: json.region === 'EU' ? 'EU' : 'US',
    events,
    attributes,
    eventIds: new Map(events.map((event) => [event.key, event.id])),
    attributeIds: new Map(attributes.map((attribute) => [attribute.key, attribute.id])),
    // Built from the entities with IDs only, so every key the rules accept has an ID to send.
    catalog: catalogFromDatafile({ events, attributes })
  }
}

function isDigits(text: string): boolean {
  return text.length > 0 && [...text].every((character) => character >= '0' && character <= '9')
}

/** A datafile of another account would credit conversions to the wrong place (or be refused). */
export function assertAccount(datafile: ProjectDatafile, accountId: string, url: string): void {
  // Optimizely account IDs are digits; other text is not repeated (the file may come from anywhere).
  const owner = isDigits(datafile.accountId) ? `Optimizely account ${datafile.accountId}` : 'another account'
  const problem = datafileAccountProblem(datafile.accountId, String(accountId), owner)
  if (problem) throw new DatafileError(datafileOtherAccount(url, problem))
}
