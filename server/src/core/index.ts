/** Public API of the analysis core: pure functions, no editor types. */
export { lint, type LintOptions } from './lint';
export { Session } from './memo';
export { parseDocument, resolveAnnex, resolveClause } from './document';
export { computeCoverage } from './coverage';
export { loadCatalogue, defaultCatalogue, findRulesDir, DOCS_BASE, type Catalogue, type RequirementSpec } from './catalogue';
export { loadLibrary, defaultLibrary, snippetToText, clauseFor, type Library, type LibraryClause, type LibraryEntry } from './library';
export { loadConfigFor, parseConfig, findConfig, type LintConfig, type RuleLevel } from './config';
export { LineIndex, fold, foldText, unchangedEnds } from './text';
export { parsePeriodText } from './periods';
export { annexName } from './checks';
export { FRONT_MATTER_KEYS, FRONT_MATTER_VALUES } from './frontMatter';
export * from './types';
export {
	annexAt, clauseRefAt, annexReferences, annexPreview, definitionLabelSpan, frontMatterLabelSpan, isAnnexLabel, renameAnnexEdits, renumberAnnexEdits,
	evidenceAt, outline, completionSite, type AnnexHit, type OutlineNode, type CompletionSite,
} from './navigation';
export { newDraft, type TemplateOptions } from './template';
