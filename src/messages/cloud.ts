/**
 * The message catalogue, cloud module: the errors and outputs Segment's event delivery and
 * deletion requests show for the cloud destination (src/cloud). The settings and value-rule
 * messages it shares with the browser are in shared.ts.
 */

export const notOptimizelyHost = "the host is not Optimizely's"

export const datafileNotFetched = (reason: string) => `Optimizely datafile not fetched: ${reason}.`

export const notPublicAddress = (what: string, host: string, kind: string) =>
  `${what} points at ${host}, ${kind}; the cloud destination fetches datafiles only from public addresses`

export const hostResolvesNotPublic = (host: string, kind: string) =>
  `the host ${host} resolves to ${kind}; the cloud destination fetches datafiles only from public addresses`

export const datafileUrlNotHttpsCloud = (input: string) =>
  `the Datafile URL "${input}" must start with https:// (the cloud destination fetches datafiles over HTTPS only)`

export const redirectInvalid = (from: string, location: string) =>
  `the datafile at ${from} redirects to "${location}", which is not a valid URL`

export const redirectNotHttps = (from: string, to: string) =>
  `the datafile at ${from} redirects to ${to}; only https:// redirects are followed`

/** The subject of notPublicAddress for a redirect's target. */
export const redirectedTo = (from: string, to: string) => `the datafile at ${from} redirects to ${to}, which`

export const tooManyRedirects = (from: string, max: number) => `the datafile at ${from} redirects more than ${max} times`

export const datafileTooLarge = (url: string, cap: string, bytes: number) =>
  `The datafile at ${url} is larger than ${cap} (${bytes.toLocaleString('en-US')} bytes), the most the cloud destination downloads.`

export const budgetRanOutResolving = 'the time budget ran out while resolving'

export const noAddress = (host: string) => `no address for ${host}`

export const budgetRanOut = (url: string) => `Fetching the datafile at ${url}: the time budget ran out`

export const downloadTooSlow = (url: string, budget: string) =>
  `Fetching the datafile at ${url} took longer than ${budget}, the time allowed for the whole download (connection, headers and body)`

/** What a failed request is: a datafile fetch or a deletion request. */
export const fetchingDatafile = (url: string) => `Fetching the datafile at ${url}`

export const deletionRequest = 'Optimizely deletion request'

export const bodyNotQuoted = `(the answer is not quoted: ${notOptimizelyHost})`

export const requestRejected = (what: string, status: number, answer: string) => `${what} failed with HTTP ${status}: ${answer}`

export const checkAuthentication = (detail: string, setting: string) => `${detail}. Check the ${setting} setting.`

export const requestFailed = (what: string, reason: string) => `${what} failed: ${reason}`

export const datafileNotJson = (url: string, answer: string) =>
  `The datafile at ${url} is not JSON (${answer}). The Optimizely project may be deactivated, or the Datafile URL may be wrong.`

export const datafileSays = (text: string) => `it says ${JSON.stringify(text)}`

export const answerNotQuoted = `the answer is not quoted: ${notOptimizelyHost}`

export const datafileNotObject = (url: string) => `The datafile at ${url} is not an Optimizely datafile (not a JSON object).`

export const datafileMissingFields = (url: string) =>
  `The datafile at ${url} is not an Optimizely datafile (it needs accountId, projectId, revision and events).`

export const datafileOtherAccount = (url: string, problem: string) =>
  `The datafile at ${url} ${problem}. Check the Account Id and Datafile URL settings.`

export const tokenMissing = (setting: string) =>
  `Deleting a user from Optimizely needs the ${setting} setting: create a token in Optimizely (Profile > API Access) and enter it in the destination's settings.`

export const nobodyToDelete = 'The deletion request has neither a userId nor an anonymousId: there is no Optimizely visitor to delete.'

export const deletionsAccepted = (count: number, earlier: number) =>
  `Optimizely accepted ${count} visitor deletion request(s)${earlier > 0 ? ` (${earlier} of them on an earlier attempt)` : ''}`

export const eventWithoutId = (eventKey: string) => `event "${eventKey}" has no ID in the datafile`

export const trackEventFinding = (message: string) => `Optimizely Track Event: ${message}`

export const tooLargeForEventApi = 'conversion not sent: larger than the Event API accepts in one request'

export const timestampNotDate = (eventKey: string, timestamp: unknown) =>
  `conversion "${eventKey}" not sent: timestamp ${JSON.stringify(timestamp)} is not a date`
