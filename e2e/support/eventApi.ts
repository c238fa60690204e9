/**
 * Reads Event API batches the way Optimizely's results do: one row per conversion or impression,
 * with the visitor's attributes by key.
 */
import type { ReceivedRequest } from './collector'

export interface ReceivedEvent {
  request: ReceivedRequest
  visitorId: string
  /** Attribute values by key, including `$opt_bot_filtering`. */
  attributes: Record<string, unknown>
  attributeIds: Record<string, string>
  entityId: string
  key: string
  uuid: string
  timestamp: number
  revenue?: number
  value?: number
  tags: Record<string, unknown>
  /** Non-empty for impressions (`campaign_activated`). */
  decisions: Array<{ campaign_id: string; experiment_id: string; variation_id: string; metadata?: Record<string, unknown> }>
}

export function eventsIn(requests: ReceivedRequest[]): ReceivedEvent[] {
  const events: ReceivedEvent[] = []
  for (const request of requests) {
    for (const visitor of request.body?.visitors ?? []) {
      const attributes: Record<string, unknown> = {}
      const attributeIds: Record<string, string> = {}
      for (const attribute of visitor.attributes ?? []) {
        attributes[attribute.key] = attribute.value
        attributeIds[attribute.key] = attribute.entity_id
      }
      for (const snapshot of visitor.snapshots ?? []) {
        for (const event of snapshot.events ?? []) {
          events.push({
            request,
            visitorId: visitor.visitor_id,
            attributes,
            attributeIds,
            entityId: event.entity_id,
            key: event.key,
            uuid: event.uuid,
            timestamp: event.timestamp,
            revenue: event.revenue,
            value: event.value,
            tags: event.tags ?? {},
            decisions: snapshot.decisions ?? []
          })
        }
      }
    }
  }
  return events
}

/** Conversions only: impressions carry decisions and the `campaign_activated` key. */
export function conversionsIn(requests: ReceivedRequest[]): ReceivedEvent[] {
  return eventsIn(requests).filter((event) => event.decisions.length === 0 && event.key !== 'campaign_activated')
}

export function impressionsIn(requests: ReceivedRequest[]): ReceivedEvent[] {
  return eventsIn(requests).filter((event) => event.decisions.length > 0)
}
