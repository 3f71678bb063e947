import { defaultCatalogue, type Catalogue } from './catalogue';
import { anchorSpan, checkAnnexes, checkAnnexFiles, checkBreachPeriods, checkCitations, checkContradictions, checkCrossRefs, checkFrontMatter, checkLetterItems, checkNumberGaps, checkNumbering, checkPeriods, checkPlaceholders, checkSuspiciousRefs } from './checks';
import type { LintConfig } from './config';
import { computeCoverage } from './coverage';
import { parseDocument } from './document';
import { insertClauseEdit, insertSentenceEdit } from './insertion';
import { defaultLibrary, type Library } from './library';
import { Reporter } from './messages';
import { coverageReason } from './reasons';
import { withSession, type Session } from './memo';
import { applySuppressions } from './suppress';
import { LineIndex } from './text';
import type { AnnexFileProblem, Coverage, DpaDocument, Finding, Fix, Lang, LintResult, Severity } from './types';

export interface LintOptions {
	readonly config?: LintConfig;
	/** Language of the messages; default: config, then the document's language. */
	readonly messageLanguage?: Lang;
	readonly catalogue?: Catalogue;
	readonly library?: Library;
	/** Offer "disable for this line/file" fixes on every finding (editors want them, the CLI does not). */
	readonly suppressionFixes?: boolean;
	/**
	 * The host's verdict on an annex file named in the front-matter (as written, relative to the draft): undefined
	 * when it may be read. The core never touches the file system for annexes; without this, they are not checked.
	 */
	readonly annexFile?: (file: string) => AnnexFileProblem | undefined;
	/**
	 * The memory of earlier analyses of the same draft (one per open document): an edited draft is then re-analysed
	 * incrementally, with the result a full analysis gives.
	 */
	readonly session?: Session;
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Lint a draft: parse it, decide Art. 28 coverage, run every rule, apply suppressions and configured severities. */
export function lint(text: string, uri?: string, options: LintOptions = {}): LintResult {
	const cat = options.catalogue ?? defaultCatalogue();
	return withSession(options.session, cat, text, () => lintWith(cat, text, uri, options));
}

function lintWith(cat: Catalogue, text: string, uri: string | undefined, options: LintOptions): LintResult {
	const doc = parseDocument(text, uri);
	const lang = options.messageLanguage ?? options.config?.language ?? doc.lang;
	const computed = computeCoverage(doc, cat);
	const r = new Reporter(cat, lang);
	const lineIndex = doc.lines;
	const coverage = computed.coverage.map(c => ({ ...c, reason: coverageReason(c, cat, r, lineIndex, text) }));
	const specificOnly = computed.specificOnly;
	checkFrontMatter(doc, r);
	reportCoverage(doc, coverage, cat, r, options.library ?? defaultLibrary());
	checkAnnexes(doc, r);
	if (options.annexFile) checkAnnexFiles(doc, r, options.annexFile);
	checkPeriods(doc, coverage, specificOnly, r);
	checkPlaceholders(doc, r);
	checkCrossRefs(doc, r);
	checkSuspiciousRefs(doc, r);
	checkNumbering(doc, r);
	checkLetterItems(doc, r);
	checkNumberGaps(doc, r);
	checkCitations(doc, cat, r);
	checkContradictions(doc, cat, r);
	checkBreachPeriods(doc, r);
	const levels = options.config?.rules ?? {};
	let findings: Finding[] = r.findings
		.filter(f => levels[f.rule] !== 'off')
		.map(f => (levels[f.rule] ? { ...f, severity: levels[f.rule] as Severity } : f));
	findings = applySuppressions(text, findings, doc.lines);
	if (options.suppressionFixes) {
		findings = findings.map(f => ({ ...f, fixes: [...f.fixes, ...suppressionFixes(doc, lineIndex, f, lang)] }));
	}
	findings.sort((a, b) => a.span.start - b.span.start || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.rule.localeCompare(b.rule));
	return { doc, lang, coverage, findings };
}

function reportCoverage(doc: DpaDocument, coverage: readonly Coverage[], cat: Catalogue, r: Reporter, lib: Library | undefined): void {
	const anchor = anchorSpan(doc);
	for (const cov of coverage) {
		if (cov.status === 'present' || cov.status === 'not-applicable') continue;
		const req = cat.requirements.find(q => q.id === cov.requirement)!;
		const values = { name: req.name[r.lang], ref: req.ref[r.lang] };
		const fixes: Fix[] = [];
		if (cov.status === 'missing') {
			const ins = lib && insertClauseEdit(doc, lib, cov.requirement, coverage, doc.lang);
			if (ins) fixes.push({ kind: 'insert-clause', mechanical: false, title: r.text('missing-clause', 'fix', { name: ins.title }), edits: [ins.edit] });
			r.report('missing-clause', anchor, 'default', values, { requirement: cov.requirement, fixes });
		} else {
			// A missing part is a sub-element of this requirement or, for composites, another requirement.
			const nameOf = (id: string): string => (req.elements.find(e => e.id === id) ?? cat.requirements.find(q => q.id === id))?.name[r.lang] ?? id;
			const names = cov.missing.map(nameOf);
			for (const id of cov.missing) {
				// A right cut back elsewhere ("audit rights are satisfied by our report") is not mended by adding a sentence.
				const el = req.elements.find(e => e.id === id);
				if (el?.restrictedBy && cov.verdicts?.some(v => v.element === id && v.state === 'weak')) continue;
				const edit = lib && insertSentenceEdit(doc, lib, cov, id, doc.lang);
				if (edit) fixes.push({ kind: 'insert-sentence', mechanical: false, title: r.text('missing-clause', 'fixPartial', { element: nameOf(id) }), edits: [edit] });
			}
			r.report('missing-clause', cov.evidence[0] ?? anchor, 'partial', { ...values, elements: names.join(r.lang === 'de' ? ' und ' : ' and ') }, { requirement: cov.requirement, severity: 'warning', fixes });
		}
	}
}

/**
 * "Disable for this line" and "disable for this file" as inline comments; the reason is left for the user. Only fixes
 * that silence the finding are offered: no line comment inside the front-matter (it would break the YAML) or for a
 * finding anchored at the document as a whole (a missing clause has no line of its own), only the file-wide one.
 */
function suppressionFixes(doc: DpaDocument, lines: LineIndex, f: Finding, lang: Lang): Fix[] {
	const text = doc.text;
	const reason = lang === 'de' ? 'Begründung' : 'reason';
	const fm = doc.frontMatter.span;
	// The file-wide comment goes on its own line right after the front-matter (never above or inside it).
	let fileAt = 0, before = '';
	if (fm) {
		const next = lines.position(fm.end).line + 1;
		fileAt = next < lines.lineCount ? lines.lineStart(next) : text.length;
		if (fileAt === text.length && !/[\r\n]$/.test(text)) before = '\n';
	}
	const fileFix: Fix = {
		kind: 'suppress-file', mechanical: false, title: lang === 'de' ? `${f.rule} für diese Datei deaktivieren` : `Disable ${f.rule} for this file`,
		edits: [{ span: { start: fileAt, end: fileAt }, text: `${before}<!-- dpa-lint-disable ${f.rule} -- ${reason} -->\n` }],
	};
	const inFrontMatter = !!fm && f.span.start >= fm.start && f.span.start < fm.end;
	const anchor = anchorSpan(doc);
	const anchored = f.rule === 'missing-clause' && f.span.start === anchor.start && f.span.end === anchor.end;
	if (inFrontMatter || anchored) return [fileFix];
	const lineStart = lines.lineStart(lines.position(f.span.start).line);
	const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))?.[0] ?? '';
	return [
		{ kind: 'suppress-line', mechanical: false, title: lang === 'de' ? `${f.rule} für diese Zeile deaktivieren` : `Disable ${f.rule} for this line`, edits: [{ span: { start: lineStart, end: lineStart }, text: `${indent}<!-- dpa-lint-disable-next-line ${f.rule} -- ${reason} -->\n` }] },
		fileFix,
	];
}
