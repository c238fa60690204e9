/**
 * Renders each definition's `generated-types.ts` from its field definitions: actions-core turns
 * the fields into JSON schema, json-schema-to-typescript turns that into interfaces. Used by
 * `npm run generate:types` (writes) and by a unit test (fails when a file is stale).
 */
import path from 'path'
import { fieldsToJsonSchema } from '@segment/actions-core'
import { compile } from 'json-schema-to-typescript'
import type { JSONSchema4 } from 'json-schema'
import { settings as browserSettings } from '../src/settings'
import { fields as browserFields } from '../src/shared/trackEventFields'
import { settings as cloudSettings } from '../src/cloud/settings'
import { fields as cloudFields } from '../src/cloud/trackEvent/fields'

type Fields = Parameters<typeof fieldsToJsonSchema>[0]

interface Target {
  /** Output file, relative to the repository root. */
  file: string
  /** Interface name in the output. */
  name: 'Settings' | 'Payload'
  /** The field (or setting) definitions the interface is rendered from. */
  fields: Fields
}

const root = path.resolve(__dirname, '..')

export const targets: Target[] = [
  { file: 'src/generated-types.ts', name: 'Settings', fields: browserSettings },
  { file: 'src/trackEvent/generated-types.ts', name: 'Payload', fields: browserFields },
  { file: 'src/cloud/generated-types.ts', name: 'Settings', fields: cloudSettings },
  { file: 'src/cloud/trackEvent/generated-types.ts', name: 'Payload', fields: cloudFields }
]

const BANNER = '// Generated file. DO NOT MODIFY IT BY HAND: run `npm run generate:types`.'

/** Without titles the compiler inlines each field's type under its key, with its description as doc comment. */
function withoutTitles(schema: JSONSchema4): JSONSchema4 {
  const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, { title: _title, ...rest }]) => [key, rest]))
  return { ...schema, properties }
}

export async function render(target: Target): Promise<string> {
  const schema = withoutTitles(fieldsToJsonSchema(target.fields))
  return compile(schema, target.name, {
    bannerComment: BANNER,
    strictIndexSignatures: true,
    style: { semi: false, singleQuote: true, printWidth: 120 }
  })
}

export function absolute(target: Target): string {
  return path.join(root, target.file)
}
