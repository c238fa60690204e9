/**
 * A TypeScript transform for the browser builds (dist/web and dist/browser): drops from our
 * definitions what only Segment's catalogue reads. Segment's app reads a definition's settings,
 * presets, fields, titles and descriptions on its servers; in the page, analytics.js' runtime
 * (`generatePlugins`) reads only the definition's `name`, `initialize` and `actions`, and of each
 * action its `perform` and `lifecycleHook`. Every page would otherwise download the catalogue
 * text: about a sixth of the destination's own gzipped bytes.
 *
 * What is dropped:
 * - from any object literal, a `description` whose value is a string literal;
 * - from a destination definition (an object literal with both `name` and `actions`): `settings`,
 *   `presets`, `slug` and `mode`;
 * - from an action definition (an object literal with `perform`): `fields`, `title`,
 *   `defaultSubscription` and `platform`.
 * The modules that held only catalogue data (settings, presets, fields) are then unused, and the
 * bundlers leave them out (package.json says `sideEffects: false`): webpack in dist/web, and a
 * site's own bundler for dist/browser when the site does not read `destination.presets`.
 *
 * The presets a page may still read (the README's "code and settings in your bundle" example
 * builds its subscription from `destination.presets[0]`) are not in the definition literal: src/index.ts
 * adds them to the exported `destination` apart from the one the plugin factory uses, so they stay,
 * and a bundle that uses only the factory leaves them out.
 */
const ts = require('typescript')

const DESTINATION_CATALOGUE = new Set(['settings', 'presets', 'slug', 'mode'])
const ACTION_CATALOGUE = new Set(['fields', 'title', 'defaultSubscription', 'platform'])

const keyOf = (property) =>
  property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name)) ? property.name.text : undefined

function isStringDescription(property) {
  return (
    ts.isPropertyAssignment(property) &&
    keyOf(property) === 'description' &&
    (ts.isStringLiteral(property.initializer) || ts.isNoSubstitutionTemplateLiteral(property.initializer))
  )
}

/** The catalogue-only keys of `node`: a destination's, an action's, or none. */
function catalogueKeys(node) {
  const keys = new Set(node.properties.map(keyOf))
  return keys.has('name') && keys.has('actions') ? DESTINATION_CATALOGUE : keys.has('perform') ? ACTION_CATALOGUE : undefined
}

const stripCatalogue = (context) => {
  const visit = (node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const dropped = catalogueKeys(node)
      const remaining = node.properties.filter((property) => !isStringDescription(property) && !(dropped && dropped.has(keyOf(property))))
      const visited = remaining.map((property) => ts.visitEachChild(property, visit, context))
      return context.factory.updateObjectLiteralExpression(node, visited)
    }
    return ts.visitEachChild(node, visit, context)
  }
  return (sourceFile) => ts.visitNode(sourceFile, visit)
}

module.exports = { stripCatalogue }
