/**
 * The modules the browser builds (webpack's dist/web and esbuild's dist/browser, see
 * build/browserBuild.js) swap for the substitutes in src/web, so both carry the same lean code.
 */
const path = require('path')

const root = path.resolve(__dirname, '..')
const web = (file) => path.join(root, 'src/web', file)

const WEB_ALIASES = {
  // The SDK imports json-schema only for features the destination never enables; see the stub.
  'json-schema$': web('jsonSchemaStub.ts'),
  // The SDK's IDs from the browser's crypto.randomUUID, with a small fallback for plain-http pages; see the module.
  uuid$: web('uuidFromPlatform.ts'),
  // FQL parsed once per subscription, the common forms without the FQL library; see the module.
  '@segment/destination-subscriptions$': web('subscriptions.ts'),
  // The runtime in the main file, subscriptions prepared before the first event; see the module.
  '@segment/browser-destination-runtime/shim$': web('shim.ts'),
  // The mapping kit's transform for the common mapping forms, the kit itself a lazy chunk; see the module.
  '@segment/actions-core/mapping-kit$': web('mappingTransform.ts')
}

/**
 * Modules of actions-core's mapping kit, replaced where the kit imports them from its own folder:
 * its validator, validating each mapping once (src/web/mappingValidation.ts loads the kit's own by
 * its package subpath when a mapping needs it), and its Liquid engine, which the destination never
 * needs (src/web/liquidDirective.ts).
 */
const MAPPING_KIT_SUBSTITUTES = {
  './validate': web('mappingValidation.ts'),
  './liquid-directive': web('liquidDirective.ts')
}

/** The browser runtime's own imports of `loadScript` and `resolveWhen`, which this destination never calls (src/web/runtimeHelpers.ts). */
const RUNTIME_SUBSTITUTES = {
  './load-script': web('runtimeHelpers.ts'),
  './resolve-when': web('runtimeHelpers.ts')
}

const FOLDERS = [
  [/[\\/]@segment[\\/]actions-core[\\/]dist[\\/]esm[\\/]mapping-kit$/, MAPPING_KIT_SUBSTITUTES],
  [/[\\/]@segment[\\/]browser-destination-runtime[\\/]dist[\\/]esm$/, RUNTIME_SUBSTITUTES]
]

/** Relative requests that have a substitute in some package folder (for a bundler's filter). */
const SUBSTITUTED_REQUEST = /^\.\/(validate|liquid-directive|load-script|resolve-when)$/

/** The substitute for `request` made from the directory `context`, when it is one of those packages' own imports. */
function packageSubstitute(request, context) {
  for (const [folder, substitutes] of FOLDERS) {
    if (folder.test(context) && Object.prototype.hasOwnProperty.call(substitutes, request)) return substitutes[request]
  }
  return undefined
}

module.exports = { WEB_ALIASES, SUBSTITUTED_REQUEST, packageSubstitute }
