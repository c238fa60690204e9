/**
 * What src/__tests__/webUuid.test.ts uses of eslint-scope (eslint's own scope analyser), which
 * ships no types of its own: `analyze` and the parts of its answer the test reads.
 */
declare module 'eslint-scope' {
  interface Reference {
    identifier: { range: [number, number] }
  }
  interface Variable {
    name: string
    defs: Array<{ type: string; node: { imported?: { name: string } }; parent: { source: { value: string } } }>
    references: Reference[]
  }
  interface ScopeManager {
    globalScope: { childScopes: Array<{ variables: Variable[] }> }
  }
  export function analyze(ast: unknown, options: object): ScopeManager
}
