/**
 * Optimizely Feature Experimentation Web (Actions): the device-mode destination analytics.js
 * loads in the page. Its one action sends mapped `track` events as Optimizely conversions through
 * the real Optimizely JavaScript SDK; the client's decisions flow back to Segment as Experiment
 * Viewed events (src/decisions).
 *
 * Imports run one way: this file → trackEvent → decisions → consent → client → shared.
 */
import type { Analytics } from '@segment/analytics-next'
import type { BrowserDestinationDefinition } from '@segment/browser-destination-runtime/types'
import { browserDestination } from '@segment/browser-destination-runtime/shim'
import { trackEventPreset } from './shared/trackEventPreset'
import { classicPresets } from './shared/classicPresets'
import type { Settings } from './generated-types'
import { settings } from './settings'
import { loadOptimizely } from './client'
import { rememberLoading } from './client/loadingClients'
import { publishClient } from './client/pageClient'
import type { SdkClient } from './client/optimizelySdk'
import { hasCapturedDecisions } from './capture/pending'
import type { ClientWithDecisions, Decisions } from './decisions'
import { DESTINATION_NAME } from './decisions/keptFromDestination'
import { loadAudienceRules, toConversionAudience } from './decisions/conversionAudienceSetting'
import type { Consent } from './consent'
import { startConsent } from './consent/loading'
import trackEvent from './trackEvent'
import { fields } from './shared/trackEventFields'
import { rememberIdentifiedTraits } from './trackEvent/visitorTraits'
import {
  audienceRulesMissing,
  bucketedCodeMissing,
  clientNotShared,
  decisionsCodeMissing,
  decisionsNotLoaded,
  experimentViewedCodeMissing,
  ownClientNotDecided
} from './messages/page'

/** A consent gate that did not load (src/consent/loading.ts says so). */
const CONSENT_FAILED = 'failed'

/**
 * Hears the decisions of each client the site decides with: the page's own client (at load, or
 * published later: log-in switching environments, an app rebuilding its client), or ours when
 * shared, whenever Experiment Viewed, the visitor-ID guard or Conversion Audience `bucketed` wants
 * them; and the decisions the page captured before the destination loaded (src/capture). The
 * listener goes on as the client is published, so no decision it makes is missed; the decisions
 * code is a lazy chunk fetched on the first such client or capture, and decisions made before it
 * arrives wait for it. A page where nobody else decides never downloads it.
 */
function decisionsHearer(
  client: ClientWithDecisions,
  settings: Settings,
  analytics: Analytics,
  consentLoading: Promise<Consent> | undefined
) {
  const bucketed = toConversionAudience(settings.conversionAudience) === 'bucketed'
  const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error))
  /** A chunk only one feature needs: if it does not load, that feature alone is missing, said once. */
  const optional = <T>(chunk: Promise<T> | undefined, missing: (reason: string) => string) =>
    chunk?.catch((error: unknown) => void client.log.log('error', missing(reasonOf(error))))
  let loading: Promise<Decisions | undefined> | undefined
  const loadDecisions = () =>
    (loading ??= Promise.all([
      import(/* webpackChunkName: "decisions" */ './decisions'),
      // Each its own chunk, fetched beside the decisions one only when its setting is on.
      optional(
        settings.sendExperimentViewed === true ? import(/* webpackChunkName: "experiment-viewed" */ './decisions/exposures') : undefined,
        experimentViewedCodeMissing
      ),
      optional(
        bucketed ? import(/* webpackChunkName: "bucketed-audience" */ './decisions/bucketedAudience') : undefined,
        bucketedCodeMissing
      ),
      // Decisions are reported only as the visitor's consent allows. A gate that did not load is
      // said by src/consent/loading.ts, and fails the load: nothing more to say here.
      consentLoading?.catch((): typeof CONSENT_FAILED => CONSENT_FAILED)
    ]).then(
      ([{ createDecisions }, exposures, audience, consent]) =>
        consent === CONSENT_FAILED
          ? undefined
          : (client.decisions = createDecisions(client, settings, analytics, consent, {
              createExposures: exposures?.createExposures,
              createBucketedAudience: audience?.createBucketedAudience
            })),
      (error: unknown) => {
        // Conversions do not depend on decisions: a chunk that fails to load costs only these features.
        client.log.log('error', decisionsNotLoaded(reasonOf(error)))
        return undefined
      }
    ))
  const heard = new WeakSet<SdkClient>()
  const hear = (optimizely: SdkClient): Promise<unknown> => {
    if (heard.has(optimizely)) return loadDecisions()
    heard.add(optimizely)
    const early: unknown[] = []
    let decisions: Decisions | undefined
    optimizely.notificationCenter.addNotificationListener('DECISION', (notification) => {
      // Another account's client, or one not ready: its decisions are not this project's exposures.
      if (!client.isUsable(optimizely)) return
      if (decisions) decisions.report(optimizely, notification)
      else early.push(notification)
    })
    return loadDecisions().then((loaded) => {
      decisions = loaded
      for (const notification of early.splice(0)) loaded?.report(optimizely, notification)
    })
  }
  return { hear, loadDecisions }
}

/** The client, with its decisions when the site decides with it and Experiment Viewed or the visitor-ID guard wants them. */
async function load(settings: Settings, analytics: Analytics, consentLoading: Promise<Consent> | undefined): Promise<ClientWithDecisions> {
  const audience = toConversionAudience(settings.conversionAudience)
  // Fetched beside the client and kept on it, so no conversion waits for them.
  const audienceRules = audience === 'everyone' ? undefined : loadAudienceRules()
  audienceRules?.catch(() => undefined)
  // While the visitor refuses consent, the destination's own client sends nothing (src/consent).
  // The gate loads beside the SDK chunk; the own client is created only once the gate has (it may
  // resend stored events at once), and the action waits for the gate before judging any event.
  const gateLoading = consentLoading?.then((consent) => consent.eventGate)
  // Its failure is said by src/consent/loading.ts and fails the load below, whichever path runs.
  gateLoading?.catch(() => undefined)
  const client: ClientWithDecisions = await loadOptimizely(settings, { gateLoading })
  // Without its rules a conversion cannot be judged: the load fails, said once (never one error per conversion).
  if (audienceRules) {
    const rules = await audienceRules.catch((error: Error) => {
      client.log.log('error', audienceRulesMissing(error.message))
      throw error
    })
    client.audienceRefusal = rules.audienceRefusal
  }
  const sharing = !client.reused && settings.shareClient === true
  const bucketed = audience === 'bucketed'
  const wanted = settings.sendExperimentViewed === true || settings.visitorIdGuard !== 'off' || bucketed
  if (wanted) {
    const { hear, loadDecisions } = decisionsHearer(client, settings, analytics, consentLoading)
    if (client.reused || sharing) await hear(client.optimizely)
    else if (hasCapturedDecisions()) await loadDecisions()
    client.onPageClient((optimizely) => void hear(optimizely))
  }
  // Said once, at load: otherwise every conversion of the page would be held back without a word.
  if (bucketed && !client.decisions) {
    const why = client.reused || sharing ? decisionsCodeMissing : ownClientNotDecided
    const rules = await audienceRules
    if (rules) client.log.log('error', rules.bucketedWithoutDecisions(settings.pageClientProperty, why))
  }
  // The action judges each event with the gate: the destination is loaded once the gate is.
  await gateLoading
  // Published only once its decisions are heard, so none the site makes through it is missed.
  if (sharing) {
    const notPublished = publishClient(settings.pageClientProperty, client.optimizely)
    if (notPublished) client.log.log('warn', clientNotShared(notPublished))
  }
  return client
}

/** The definition as analytics.js' runtime uses it (the browser builds strip what only Segment's catalogue reads, build/stripCatalogue.js). */
const definition: BrowserDestinationDefinition<Settings, ClientWithDecisions> = {
  name: DESTINATION_NAME,
  slug: 'actions-optimizely-feature-experimentation-web',
  mode: 'device',
  description:
    'Send analytics.js track events to Optimizely Feature Experimentation as conversions, through the Optimizely JavaScript SDK in the browser.',
  settings,
  // A failed load is reported once on the console and its conversions are skipped; it never
  // rejects: analytics.js leaves a load that fails before any event waits for it as an unhandled
  // rejection, which the site's error monitoring would report on every page view.
  initialize: ({ settings, analytics }) => {
    // First, before anything loads: the visitor's choice is followed from the first event on.
    const consent = startConsent(settings, analytics)
    rememberIdentifiedTraits(analytics)
    return rememberLoading(settings, load(settings, analytics, consent)).catch(() => undefined as never)
  },
  actions: { trackEvent }
}

/**
 * The definition with its presets, as Segment's catalogue reads it, and where a site that builds
 * its own subscriptions (README, "code and settings in your bundle") takes the Track Event preset.
 * Made apart from `definition`, so a bundle that uses only the plugin factory leaves the presets
 * and the fields they are made from out.
 */
export const destination: BrowserDestinationDefinition<Settings, ClientWithDecisions> = /* @__PURE__ */ withPresets(definition)

function withPresets<S, C>(base: BrowserDestinationDefinition<S, C>): BrowserDestinationDefinition<S, C> {
  return { ...base, presets: [trackEventPreset(fields), ...classicPresets(fields)] }
}

export default browserDestination(definition)
