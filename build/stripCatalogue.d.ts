/** The types of stripCatalogue.js, for the test that imports it (src/__tests__/buildStripCatalogue.test.ts). */
import type { SourceFile, TransformerFactory } from 'typescript'

export declare const stripCatalogue: TransformerFactory<SourceFile>
