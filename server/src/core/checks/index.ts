/** The rules beyond Art. 28 coverage, one module per theme; each adds findings to a {@link Reporter}. */
export { annexName, checkAnnexes } from './annexes';
export { checkAnnexFiles } from './annexFiles';
export { checkFrontMatter } from './frontMatter';
export { checkBreachPeriods, checkPeriods } from './periods';
export { checkPlaceholders } from './placeholders';
export { checkContradictions } from './contradictions';
export { checkSuspiciousRefs } from './references';
export { checkCitations } from './citations';
export { anchorSpan, checkCrossRefs, checkLetterItems, checkNumberGaps, checkNumbering } from './structure';
