/**
 * Shared set-up for the cloud destination's tests: the fixture datafile (copied, then varied per
 * test), settings, and nock interceptors that record what reaches Optimizely. Nothing leaves the
 * process: every test file calls nock.disableNetConnect().
 */
import fs from 'fs'
import path from 'path'
import nock from 'nock'
import type { Settings } from '../cloud/generated-types'
import { acceptedDeletions } from '../cloud/acceptedDeletions'
import { datafileCache } from '../cloud/datafileCache'
import type { EventApiBody } from '../cloud/eventApi'

export const ACCOUNT_ID = '12003456780'
export const DATAFILE_ORIGIN = 'https://cdn.optimizely.com'
export const DATAFILE_PATH = '/datafiles/AcmeShopDemoKey0001.json'
export const DATAFILE_URL = `${DATAFILE_ORIGIN}${DATAFILE_PATH}`
export const US_ORIGIN = 'https://logx.optimizely.com'
export const EU_ORIGIN = 'https://eu.logx.optimizely.com'
export const EVENTS_PATH = '/v1/events'

const FIXTURE = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'datafile.json'), 'utf8')

export function settingsWith(changes: Partial<Settings> = {}): Settings {
  return { accountId: ACCOUNT_ID, dataFileUrl: DATAFILE_URL, ...changes }
}

/** A fresh copy of the fixture datafile; a change whose value is `undefined` removes the key. */
export function datafileWith(changes: Record<string, unknown> = {}): Record<string, unknown> {
  const datafile = JSON.parse(FIXTURE) as Record<string, unknown>
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete datafile[key]
    else datafile[key] = value
  }
  return datafile
}

/** Serves a datafile (the fixture by default) once, or `times` times. */
export function serveDatafile(datafile: unknown = datafileWith(), options: { times?: number; headers?: Record<string, string> } = {}) {
  return nock(DATAFILE_ORIGIN)
    .get(DATAFILE_PATH)
    .times(options.times ?? 1)
    .reply(200, typeof datafile === 'string' ? datafile : JSON.stringify(datafile), {
      'Content-Type': 'application/json',
      ...options.headers
    })
}

export interface Captured {
  headers: Record<string, string | string[] | undefined>
  /** The JSON body as received (nock parses it). */
  body: EventApiBody
}

/** Answers Event API posts with `status` and records each request's headers and JSON body. */
export function captureEventApi(options: { origin?: string; times?: number; status?: number; reply?: string } = {}) {
  const requests: Captured[] = []
  const scope = nock(options.origin ?? US_ORIGIN)
    .post(EVENTS_PATH)
    .times(options.times ?? 1)
    .reply(function (_uri, body) {
      requests.push({ headers: { ...this.req.headers }, body: body as EventApiBody })
      return [options.status ?? 204, options.reply ?? '']
    })
  return { scope, requests }
}

/** Requests no interceptor matched (refused by disableNetConnect); code can swallow those errors. */
const unmatched: string[] = []
let listening = false

export function unmatchedRequests(): string[] {
  return [...unmatched]
}

export function resetNetwork(): void {
  nock.cleanAll()
  nock.disableNetConnect()
  datafileCache.clear()
  acceptedDeletions.clear()
  unmatched.length = 0
  if (!listening) {
    listening = true
    nock.emitter.on('no match', (request: { method?: string; href?: string; path?: string; options?: { href?: string } }) => {
      unmatched.push(`${request.method ?? ''} ${request.href ?? request.options?.href ?? request.path ?? ''}`.trim())
    })
  }
}

/** A logger whose warnings the tests can read (actions-core's test logger has no `warn`). */
export function recordingLogger() {
  const warnings: string[] = []
  const noop = () => undefined
  const logger = {
    level: 'warn',
    name: 'test',
    debug: noop,
    info: noop,
    warn: (...message: string[]) => void warnings.push(message.join(' ')),
    error: noop,
    crit: noop,
    log: noop,
    withTags: noop
  }
  return { logger, warnings }
}
