/**
 * The message catalogue, main file of the web bundle: what the destination's load, its action and
 * the page's own client say on the console (each after `[Optimizely Feature Experimentation]`).
 * Messages only a lazy chunk shows are in that chunk's file (ownClient.ts, decisions.ts, …).
 */

/** The one console error a failed load prints: every reason below ends up in it. */
export const datafileLoadFailed = (url: unknown, reason: string) =>
  `could not load the Optimizely datafile ${JSON.stringify(url)}: ${reason}. Conversions are not sent to Optimizely.`

export const accountIdEmpty = 'the Optimizely Account Id setting is empty'

export const eventEndpointInvalid = (endpoint: string) => `the Event Endpoint "${endpoint}" is not a valid URL`

export const noDatafileInSdk = 'the SDK holds no datafile'

/** A datafile (the SDK's) whose account differs; `problem` is shared.ts' otherAccount. */
export const datafileOfOtherAccount = (problem: string) => `it ${problem}`

export const ownClientAfterPageClient = (reason: string) => `${reason}; the destination loads its own client`

export const pageClientUnusable = (problem: string) => `the page's Optimizely client cannot be used (${problem})`

export const pageClientNotAClient = (property: string) => `window.${property} is not an Optimizely client`

export const pageClientNotReady = (property: string, reason: string) =>
  `the page's Optimizely client (window.${property}) is not ready: ${reason}`

export const publishedClientLate = (ms: number) => `it was not ready within ${ms} ms`

export const publishedClientNotReady = (reason: string) => `it is not ready: ${reason}`

export const publishedClientNotUsed = (property: string, problem: string) =>
  `the Optimizely client published at window.${property} is not used: ${problem}`

export const pageClientGoneOwnFailed = (reason: string) =>
  `the page's Optimizely client was closed or replaced, and the destination's own client failed: ${reason}`

export const updatedDatafileIgnored = (problem: string) => `ignoring the updated datafile: ${problem}`

export const propertyTaken = (property: string) => `window.${property} already holds a value`

export const propertyNotSettable = (property: string, reason: string) => `window.${property} cannot be set: ${reason}`

export const clientNotShared = (reason: string) => `the destination's client is not shared: ${reason}`

export const neverLoaded = 'conversion not sent: the destination was never loaded'

export const unknownEventKeyAtRevision = (eventKey: string, revision: string) =>
  `conversion ${JSON.stringify(eventKey)} not sent: the datafile (revision ${revision}) has no event with this key (keys match exactly, case included)`

export const conversionFailed = (reason: string) => `conversion not sent: ${reason}`

export const decisionsNotLoaded = (reason: string) => `decisions are not reported: ${reason}`

/** The Experiment Viewed chunk did not load: the rest of the decisions (the visitor-ID guard) still works. */
export const experimentViewedCodeMissing = (reason: string) => `Experiment Viewed is not sent: its code did not load (${reason})`

/** The Conversion Audience `bucketed` chunk did not load: as without visible decisions, identified users convert. */
export const bucketedCodeMissing = (reason: string) =>
  `the Conversion Audience "bucketed" code did not load (${reason}): only identified users' conversions are sent`

/** The Conversion Audience rules' chunk (audience.ts' messages) did not load: the destination does not load either. */
export const audienceRulesMissing = (reason: string) =>
  `the Conversion Audience code did not load (${reason}): no conversion is sent, since none can be checked against the setting`

export const decisionsCodeMissing = 'the decisions code did not load'

export const ownClientNotDecided = 'the destination loaded its own client, which your site does not decide with'

export const consentCodeMissing = (reason: string) => `the consent code did not load (${reason}): nothing is sent to Optimizely`

export const subscriptionNotPrepared = (fql: string) => `the subscription "${fql}" was not prepared before its first event`

export const mappingNotPrepared = 'this mapping was not prepared before its first event'

/** Worded as the mapping kit words it (src/web/mappingTransform.ts gives the kit's own errors). */
export const kitDataNotObject = (type: string) => `data must be an object, got ${type}`

/** The runtime's script helpers, which the web bundle stubs out, called after all (src/web/runtimeHelpers.ts). */
export const notInWebBundle = (what: string) => `${what} is not part of the Optimizely Feature Experimentation web bundle`
