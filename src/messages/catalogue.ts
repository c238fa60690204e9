/**
 * Every part of the message catalogue, for the tests and the docs (scripts/docsFromSource.ts
 * writes docs/troubleshooting.md's list of messages from it). Code imports the part it shows
 * instead (eslint enforces it), so each bundle carries only its own messages.
 */
import * as shared from './shared'
import * as account from './account'
import * as settings from './settings'
import * as page from './page'
import * as ownClient from './ownClient'
import * as decisions from './decisions'
import * as audience from './audience'
import * as consent from './consent'
import * as mappingKit from './mappingKit'
import * as cloud from './cloud'

type Message = string | ((...args: never[]) => string)

export interface CataloguePart {
  file: string
  /** Where its messages show. */
  where: string
  messages: Record<string, Message>
}

export const CATALOGUE: CataloguePart[] = [
  { file: 'shared.ts', where: 'browser console and cloud errors (value rules)', messages: shared },
  { file: 'settings.ts', where: 'browser console and cloud errors (the Datafile URL)', messages: settings },
  { file: 'account.ts', where: 'browser console and cloud errors (the datafile’s account)', messages: account },
  { file: 'page.ts', where: 'browser console (loading, the action, the page’s client)', messages: page },
  { file: 'ownClient.ts', where: 'browser console (the destination’s own client)', messages: ownClient },
  { file: 'decisions.ts', where: 'browser console (decisions, visitor-ID guard)', messages: decisions },
  { file: 'audience.ts', where: 'browser console (Conversion Audience)', messages: audience },
  { file: 'consent.ts', where: 'browser console (consent)', messages: consent },
  { file: 'mappingKit.ts', where: 'browser console (mappings)', messages: mappingKit },
  { file: 'cloud.ts', where: 'cloud errors and outputs in Segment', messages: cloud }
]

/** A message as it reads with every value it takes shown as `…`. */
export function template(message: Message): string {
  if (typeof message === 'string') return message
  const placeholders = Array.from({ length: message.length }, () => '…') as never[]
  return message(...placeholders)
}
