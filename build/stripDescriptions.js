/**
 * A TypeScript transform for the web bundle: drops `description: '…'` properties from object
 * literals. Field and setting descriptions are for Segment's app, which reads them from the
 * definition on its servers; the browser never does, and they are about a sixth of the
 * destination's own gzipped bytes on every page. Only string-literal descriptions are dropped, so
 * nothing computed at run time can change.
 */
const ts = require('typescript')

function isStringDescription(node) {
  return (
    ts.isPropertyAssignment(node) &&
    (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name)) &&
    node.name.text === 'description' &&
    (ts.isStringLiteral(node.initializer) || ts.isNoSubstitutionTemplateLiteral(node.initializer))
  )
}

function stripDescriptions(context) {
  const visit = (node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const kept = node.properties.filter((property) => !isStringDescription(property))
      const visited = kept.map((property) => ts.visitEachChild(property, visit, context))
      return context.factory.updateObjectLiteralExpression(node, visited)
    }
    return ts.visitEachChild(node, visit, context)
  }
  return (sourceFile) => ts.visitNode(sourceFile, visit)
}

module.exports = { stripDescriptions }
