/**
 * Device-mode settings. Segment serves these to every browser that loads the destination, so
 * nothing secret belongs here: the Personal Access Token lives only in the cloud module.
 */
import type { GlobalSetting } from '@segment/actions-core'
import { revenueSettings } from './shared/revenueSettings'

export const settings = {
  accountId: {
    label: 'Optimizely Account Id',
    description:
      'Your Optimizely account ID (Settings > Plan in the Optimizely app). The datafile must belong to this account, otherwise the destination refuses to load.',
    type: 'string',
    required: true
  },
  dataFileUrl: {
    label: 'Datafile URL',
    description:
      "The full URL of your project environment's datafile, e.g. https://cdn.optimizely.com/datafiles/<SDK key>.json. Must be https:// (http:// only for localhost, 127.0.0.1 and [::1]).",
    type: 'string',
    format: 'uri',
    required: true
  },
  logLevel: {
    label: 'Log Level',
    description: 'How much the Optimizely SDK and this destination write to the browser console.',
    type: 'string',
    choices: [
      { label: 'Error', value: 'error' },
      { label: 'Warn', value: 'warn' },
      { label: 'Info', value: 'info' },
      { label: 'Debug', value: 'debug' }
    ],
    default: 'warn'
  },
  eventEndpoint: {
    label: 'Event Endpoint',
    description:
      "Optional. Send the SDK's Event API requests (including the beacons sent when the page unloads) to this URL instead of Optimizely's endpoint, e.g. when you proxy analytics through your own domain. Leave empty to use Optimizely's endpoint for the datafile's region.",
    type: 'string',
    format: 'uri'
  },
  datafileRefreshMinutes: {
    label: 'Datafile Refresh (minutes)',
    description:
      "How often the destination's own Optimizely client asks for a newer datafile while a page stays open and visible, so events and attributes added in Optimizely meanwhile count there too. 0 never refreshes (the datafile is fetched once per page load). Each refresh is one datafile request per visible page; a hidden tab makes none. Not applied to the page's own client.",
    type: 'number',
    default: 10
  },
  pageClientProperty: {
    label: "Page's Optimizely Client",
    description:
      "The window property where your site keeps its own Optimizely client (Segment's classic integration used window.optimizelyClientInstance). When a client is found there, the destination converts through it: no second SDK download, datafile request or event batch. Otherwise it loads its own.",
    type: 'string',
    default: 'optimizelyClientInstance'
  },
  sendExperimentViewed: {
    label: 'Send Experiment Viewed',
    description:
      "Send an analytics.js track event to Segment each time the page's Optimizely client makes a decision Optimizely counts as an impression (an experiment, feature rollout or holdout; rule_type says which), once per visitor, rule and variation per browser session across tabs. Decisions made before the destination loaded are seen when the page captures them (see the README).",
    type: 'boolean',
    default: false
  },
  experimentViewedEvent: {
    label: 'Experiment Viewed Event Name',
    description: "The name of that track event (Segment's A/B Testing spec calls it Experiment Viewed).",
    type: 'string',
    default: 'Experiment Viewed'
  },
  nonInteraction: {
    label: 'Non-Interaction',
    description:
      'Add nonInteraction: 1 to the Experiment Viewed properties, so Google Analytics destinations do not count it as an interaction.',
    type: 'boolean',
    default: true
  },
  includeTargetedDeliveries: {
    label: 'Include Targeted Deliveries',
    description:
      'Also send Experiment Viewed (rule_type delivery) for decisions made by targeted-delivery (rollout) rules, which Optimizely does not count as experiment impressions. The flag-off default ("Everyone Else") is never sent.',
    type: 'boolean',
    default: false
  },
  shareClient: {
    label: "Share the Destination's Client",
    description:
      "When the page has no client at the Page's Optimizely Client property, publish the destination's own client there once it is ready (before analytics.ready callbacks run), so the site can decide with the SDK Segment loaded: one SDK and one datafile download per page.",
    type: 'boolean',
    default: false
  },
  ...revenueSettings,
  conversionAudience: {
    label: 'Conversion Audience',
    description:
      "Which visitors' conversions are sent. Optimizely bills a monthly active user for every user ID in an event, decided or not. Everyone: every conversion. Identified: only events with a Segment user ID (Segment's classic integration). Bucketed: only visitors this browser saw bucketed into a running experiment that uses the event as a metric; it needs the decisions of the client the site decides with (the page's client, or this destination's when shared).",
    type: 'string',
    choices: [
      { label: 'Everyone', value: 'everyone' },
      { label: 'Identified users only', value: 'identified' },
      { label: 'Visitors bucketed into an experiment using the event', value: 'bucketed' }
    ],
    default: 'everyone'
  },
  visitorIdGuard: {
    label: 'Visitor ID Guard',
    description:
      "Optimizely counts a conversion only for the visitor ID that was bucketed. When a conversion's user ID never received a decision in this browser but the event's other Segment ID (anonymous ID or user ID) did: Warn sends it as mapped and warns once; Use Decided ID sends it for the ID that got the decision; Off checks nothing.",
    type: 'string',
    choices: [
      { label: 'Off', value: 'off' },
      { label: 'Warn', value: 'warn' },
      { label: 'Use Decided ID', value: 'use-decided-id' }
    ],
    default: 'warn'
  }
} satisfies Record<string, GlobalSetting>
