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
  // FQL parsed once per subscription, the common forms without the FQL library; see the module.
  '@segment/destination-subscriptions$': web('subscriptions.ts'),
  // The runtime in the main file, subscriptions prepared before the first event; see the module.
  '@segment/browser-destination-runtime/shim$': web('shim.ts')
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

/** The substitute for `request` made from the directory `context`, when it is one of the mapping kit's own imports. */
function mappingKitSubstitute(request, context) {
  if (!/[\\/]@segment[\\/]actions-core[\\/]dist[\\/]esm[\\/]mapping-kit$/.test(context)) return undefined
  return Object.prototype.hasOwnProperty.call(MAPPING_KIT_SUBSTITUTES, request) ? MAPPING_KIT_SUBSTITUTES[request] : undefined
}

module.exports = { WEB_ALIASES, mappingKitSubstitute }
