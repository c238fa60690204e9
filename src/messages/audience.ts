/**
 * The message catalogue, the web bundle's conversion-audience chunk: what the Conversion Audience
 * setting says (src/decisions/conversionAudience.ts).
 */

export const bucketedWithoutDecisions = (property: string, why: string) =>
  `Conversion Audience "bucketed" cannot see your Optimizely decisions: ${why}. Conversions are sent for identified users ` +
  `only (as with "identified") until the destination can see them: publish the client your site decides with at ` +
  `window.${property}, or turn on Share the Destination's Client and decide with it.`

export const notBucketed = (eventKey: string, visitorId: string) =>
  `conversion "${eventKey}" not sent for "${visitorId}" (Conversion Audience "bucketed"): this browser saw no decision ` +
  `bucketing this visitor into a running experiment that uses the event as a metric`

export const anonymousRefused = (eventKey: string, visitorId: string, audience: string) =>
  `conversion "${eventKey}" not sent for the anonymous visitor "${visitorId}" (Conversion Audience "${audience}"): no user ID`
