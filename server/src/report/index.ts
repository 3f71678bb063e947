import * as path from 'node:path';
import {
	annexName, clauseFor, defaultCatalogue, defaultLibrary, LineIndex, type Catalogue, type Clause, type Coverage, type DpaDocument, type Lang,
	type Library, type LintResult, type Span,
} from '../core';
import { conversionNote, type Converted } from '../formats';
import { PERIOD_ROLES, STRINGS, type Strings } from './strings';

/** One linted draft for the report. */
export interface ReportInput {
	readonly file: string;
	readonly result: LintResult;
	/** Present when the draft was converted from Word or PDF. */
	readonly converted?: Converted;
	/** The file's modification date. */
	readonly modified?: Date;
}

export interface ReportOptions {
	/** Language of the report; default: the message language of the first draft (its own language, or --lang). */
	readonly lang?: Lang;
	/** The report's date (tests fix it). */
	readonly generated?: Date;
	readonly catalogue?: Catalogue;
	readonly library?: Library;
}

/** A coverage entry; newer cores explain a decision in `reason`, which the report shows when present. */
type CoverageWithReason = Coverage & { readonly reason?: string };

/** Colours as foreground/background pairs; the accessibility test checks each pair's contrast (WCAG AA, 4.5:1). */
export const PALETTE = {
	text: ['#1a1a1a', '#ffffff'], muted: ['#4a4a4a', '#ffffff'], head: ['#1a1a1a', '#eef0f3'],
	present: ['#0b5d1e', '#e3f4e6'], partial: ['#6b4200', '#fff1d6'], missing: ['#9b1c1c', '#fde4e4'], na: ['#404040', '#ececec'],
	error: ['#9b1c1c', '#ffffff'], warning: ['#6b4200', '#ffffff'], info: ['#1f4e8c', '#ffffff'],
} as const;

const SYMBOL = { present: '✓', partial: '◐', missing: '✗', 'not-applicable': '–' } as const;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function css(): string {
	const p = PALETTE;
	return `
@page { size: A4; margin: 18mm 16mm 20mm; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.45 "DejaVu Sans", "Segoe UI", Arial, sans-serif; color: ${p.text[0]}; background: ${p.text[1]}; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 18pt; margin: 0 0 .3rem; } h2 { font-size: 14pt; margin: 1.6rem 0 .5rem; border-bottom: 2px solid #1a1a1a; padding-bottom: .2rem; }
h3 { font-size: 11.5pt; margin: 1rem 0 .3rem; } .doc + .doc { break-before: page; }
.meta { color: ${p.muted[0]}; margin: 0 0 1rem; } .meta dt { font-weight: bold; display: inline; } .meta dd { display: inline; margin: 0 1rem 0 .3rem; }
.bar { display: flex; height: 1.1rem; border: 1px solid #1a1a1a; margin: .4rem 0; }
.bar span { display: block; height: 100%; } .bar .present { background: #2e7d32; } .bar .partial { background: #f0a000; } .bar .missing { background: #c62828; } .bar .not-applicable { background: #9e9e9e; }
ol.grid { list-style: none; padding: 0; margin: .5rem 0; display: grid; grid-template-columns: repeat(3, 1fr); gap: .25rem; }
ol.grid li { padding: .2rem .4rem; border: 1px solid currentColor; border-radius: 3px; font-size: 9pt; break-inside: avoid; }
.present { color: ${p.present[0]}; background: ${p.present[1]}; } .partial { color: ${p.partial[0]}; background: ${p.partial[1]}; }
.missing { color: ${p.missing[0]}; background: ${p.missing[1]}; } .not-applicable { color: ${p.na[0]}; background: ${p.na[1]}; }
.sym { font-weight: bold; margin-right: .25rem; }
section.gap { border: 1px solid #b0b0b0; border-left: 5px solid currentColor; padding: .2rem .8rem .6rem; margin: .8rem 0; break-inside: avoid-page; color: ${p.text[0]}; }
section.gap.missing { border-left-color: #c62828; background: ${p.text[1]}; } section.gap.partial { border-left-color: #f0a000; background: ${p.text[1]}; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: 9pt; font-weight: bold; }
blockquote { margin: .3rem 0; padding: .3rem .6rem; border-left: 3px solid #8a8a8a; background: ${p.head[1]}; white-space: pre-wrap; }
blockquote.suggest { font-family: "DejaVu Serif", Georgia, serif; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; font-size: 9.5pt; }
th, td { border: 1px solid #8a8a8a; padding: .2rem .4rem; text-align: left; vertical-align: top; }
th { background: ${p.head[1]}; color: ${p.head[0]}; } thead { display: table-header-group; } tr { break-inside: avoid; }
caption { text-align: left; font-weight: bold; padding: .2rem 0; }
.sev-error { color: ${p.error[0]}; font-weight: bold; } .sev-warning { color: ${p.warning[0]}; font-weight: bold; } .sev-info, .sev-hint { color: ${p.info[0]}; }
.small { font-size: 9pt; color: ${p.muted[0]}; }
footer { margin-top: 2rem; font-size: 9pt; color: ${p.muted[0]}; }
@media print { body { padding: 0; max-width: none; } a { color: inherit; text-decoration: none; } }
`;
}

/** The clause a position lies in, named as the original numbers it ("§ 4 (2)", "7.1", "Anlage 3 – 2"). */
export function clauseLabel(doc: DpaDocument, offset: number): string {
	let best: Clause | undefined;
	for (const c of doc.clauses) if (c.span.start <= offset && offset < Math.max(c.end, c.span.end) && (!best || c.span.start >= best.span.start)) best = c;
	const annex = doc.annexes.find(a => !a.file && a.span.start <= offset && offset < a.end);
	let label = '';
	if (best?.label) label = best.style === 'para' ? `§ ${best.label.replace(/\(/, ' (')}` : best.label;
	else if (best) label = best.title.slice(0, 40);
	if (annex) return label && best?.annex === annex ? `${annexName(annex)}, ${label}` : annexName(annex);
	return label;
}

function dateText(d: Date, lang: Lang): string {
	return d.toLocaleDateString(lang === 'de' ? 'de-DE' : 'en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

/** The text of a span, one line, at most `max` characters. */
function quote(doc: DpaDocument, span: Span, max = 280): string {
	const text = doc.text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The sentence around a finding, with the finding's own words marked. */
function passage(doc: DpaDocument, span: Span): string {
	const s = doc.sentences.find(x => x.span.start <= span.start && span.end <= x.span.end);
	if (!s || s.span.end - s.span.start > 600) return `<mark>${esc(quote(doc, span, 200))}</mark>`;
	const before = doc.text.slice(s.span.start, span.start), inner = doc.text.slice(span.start, span.end), after = doc.text.slice(span.end, s.span.end);
	const one = (t: string): string => esc(t.replace(/\s+/g, ' '));
	return `${one(before)}<mark>${one(inner)}</mark>${one(after)}`;
}

class Writer {
	readonly #out: string[] = [];
	constructor(private readonly t: Strings, private readonly lang: Lang, private readonly cat: Catalogue, private readonly lib: Library | undefined) {}

	push(s: string): void { this.#out.push(s); }
	text(): string { return this.#out.join('\n'); }

	document(input: ReportInput, generated: Date): void {
		const { t, lang } = this;
		const { result } = input;
		const doc = result.doc;
		const lines = doc.lines;
		const name = path.basename(input.file);
		this.push(`<article class="doc" aria-labelledby="doc-${esc(name)}">`);
		this.push(`<h2 id="doc-${esc(name)}">${esc(name)}</h2>`);
		const meta: [string, string][] = [[t.reportDate, dateText(generated, lang)]];
		if (input.modified) meta.push([t.fileDate, dateText(input.modified, lang)]);
		meta.push([t.documentLanguage, t.langName[doc.lang]]);
		if (input.converted) meta.push([t.source, conversionNote(input.converted, lang)]);
		this.push(`<dl class="meta">${meta.map(([k, v]) => `<dt>${esc(k)}:</dt><dd>${esc(v)}</dd>`).join('')}</dl>`);
		if (input.converted) this.push(`<p class="small">${esc(t.lineOfView)}</p>`);
		this.coverage(result.coverage);
		this.gaps(doc, result.coverage as readonly CoverageWithReason[], lines);
		this.findings(result, lines);
		this.periods(doc, lines);
		this.annexes(result, lines);
		this.push('</article>');
	}

	private coverage(coverage: readonly Coverage[]): void {
		const { t, lang, cat } = this;
		const n = (s: Coverage['status']): number => coverage.filter(c => c.status === s).length;
		const present = n('present') + n('not-applicable'), partial = n('partial'), missing = n('missing');
		this.push(`<h3>${esc(t.coverage)}</h3>`);
		this.push(`<p><strong>${esc(t.coverageSummary(present, partial, missing, coverage.length))}</strong></p>`);
		this.push(`<div class="bar" role="img" aria-label="${esc(t.chartLabel(present, partial, missing))}">${(['present', 'not-applicable', 'partial', 'missing'] as const)
			.filter(s => n(s)).map(s => `<span class="${s}" style="width:${(100 * n(s) / coverage.length).toFixed(2)}%"></span>`).join('')}</div>`);
		this.push(`<ol class="grid">${coverage.map(c => {
			const req = cat.requirements.find(r => r.id === c.requirement);
			return `<li class="${c.status}"><span class="sym" aria-hidden="true">${SYMBOL[c.status]}</span>${esc(req?.name[lang] ?? c.requirement)} <span class="visually">(${esc(t.status[c.status])})</span></li>`;
		}).join('')}</ol>`);
	}

	private gaps(doc: DpaDocument, coverage: readonly CoverageWithReason[], lines: LineIndex): void {
		const { t, lang, cat, lib } = this;
		this.push(`<h3>${esc(t.gaps)}</h3>`);
		const gaps = coverage.filter(c => c.status === 'missing' || c.status === 'partial');
		if (!gaps.length) { this.push(`<p>${esc(t.noGaps)}</p>`); return; }
		for (const c of gaps) {
			const req = cat.requirements.find(r => r.id === c.requirement)!;
			this.push(`<section class="gap ${c.status}" aria-label="${esc(req.name[lang])}">`);
			this.push(`<h4>${esc(req.name[lang])} <span class="badge ${c.status}">${SYMBOL[c.status]} ${esc(t.status[c.status])}</span></h4>`);
			this.push(`<p><strong>${esc(t.lawAsks)} (${esc(req.ref[lang])}):</strong> ${esc(req.explain[lang])}</p>`);
			if (c.missing.length) {
				const names = c.missing.map(id => (req.elements.find(e => e.id === id) ?? cat.requirements.find(q => q.id === id))?.name[lang] ?? id);
				this.push(`<p><strong>${esc(t.missingParts)}:</strong> ${esc(names.join('; '))}</p>`);
			}
			if (c.reason) this.push(`<p><strong>${esc(t.reason)}:</strong> ${esc(c.reason)}</p>`);
			if (c.evidence.length) {
				this.push(`<p><strong>${esc(t.found)}:</strong></p>`);
				for (const ev of c.evidence.slice(0, 3)) {
					const where = [clauseLabel(doc, ev.start), `${t.line} ${lines.position(ev.start).line + 1}`].filter(Boolean).join(', ');
					this.push(`<blockquote><span class="small">${esc(where)}:</span> ${esc(quote(doc, ev))}</blockquote>`);
				}
			} else if (!c.reason) this.push(`<p><strong>${esc(t.found)}:</strong> ${esc(t.nothingCounted)}</p>`);
			if (lib) {
				if (c.status === 'missing') {
					const variant = c.requirement === 'art28-3-d-subprocessors' && doc.frontMatter.data.subprocessor_authorisation === 'specific' ? 'specific' : undefined;
					const entry = clauseFor(lib, c.requirement, doc.lang, variant);
					if (entry) this.push(`<p><strong>${esc(t.suggested)}: ${esc(entry.title)}</strong></p><blockquote class="suggest" lang="${doc.lang}">${esc(entry.text)}</blockquote>`);
				} else {
					const sentences = c.missing.map(id => lib.sentences[`${c.requirement}/${id}`]?.[doc.lang]).filter((s): s is string => !!s);
					if (sentences.length) this.push(`<p><strong>${esc(t.suggestedSentence)}:</strong></p><blockquote class="suggest" lang="${doc.lang}">${esc(sentences.map(s => s.trim()).join(' '))}</blockquote>`);
				}
			}
			this.push('</section>');
		}
	}

	private findings(result: LintResult, lines: LineIndex): void {
		const { t } = this;
		const doc = result.doc;
		const others = result.findings.filter(f => f.rule !== 'missing-clause');
		this.push(`<h3>${esc(t.findings)}</h3>`);
		if (!others.length) { this.push(`<p>${esc(t.noFindings)}</p>`); return; }
		this.push(`<table><thead><tr><th scope="col">${esc(t.clause)}</th><th scope="col">${esc(t.severity)}</th><th scope="col">${esc(t.finding)}</th><th scope="col">${esc(t.passage)}</th></tr></thead><tbody>`);
		for (const f of others) {
			const where = clauseLabel(doc, f.span.start) || t.body;
			this.push(`<tr><td>${esc(where)}<br><span class="small">${esc(t.line)} ${lines.position(f.span.start).line + 1}</span></td>`
				+ `<td class="sev-${f.severity}">${esc(t.severities[f.severity])}</td><td>${esc(f.message)}<br><span class="small">${esc(f.rule)}</span></td><td>${passage(doc, f.span)}</td></tr>`);
		}
		this.push('</tbody></table>');
	}

	private periods(doc: DpaDocument, lines: LineIndex): void {
		const { t, lang } = this;
		this.push(`<h3>${esc(t.periods)}</h3>`);
		if (!doc.periods.length) { this.push(`<p>${esc(t.noPeriods)}</p>`); return; }
		this.push(`<table><thead><tr><th scope="col">${esc(t.period)}</th><th scope="col">${esc(t.role)}</th><th scope="col">${esc(t.days)}</th><th scope="col">${esc(t.clause)}</th></tr></thead><tbody>`);
		for (const p of doc.periods) {
			const days = p.days[0] === p.days[1] ? String(+p.days[0].toFixed(2)) : `${+p.days[0].toFixed(2)}–${+p.days[1].toFixed(2)}`;
			this.push(`<tr><td>${esc(p.text)}</td><td>${esc(PERIOD_ROLES[p.role][lang])}</td><td>${esc(days)}</td><td>${esc(clauseLabel(doc, p.span.start) || t.body)} <span class="small">(${esc(t.line)} ${lines.position(p.span.start).line + 1})</span></td></tr>`);
		}
		this.push('</tbody></table>');
	}

	private annexes(result: LintResult, lines: LineIndex): void {
		const { t } = this;
		const doc = result.doc;
		this.push(`<h3>${esc(t.annexes)}</h3>`);
		const undefinedRefs = doc.annexRefs.filter(r => !r.target && !r.head);
		if (!doc.annexes.length && !undefinedRefs.length) { this.push(`<p>${esc(t.noAnnexes)}</p>`); return; }
		const flagged = (rule: string, span: Span): boolean => result.findings.some(f => f.rule === rule && f.span.start >= span.start && f.span.end <= Math.max(span.end, span.start + 1));
		const refsTo = (a: (typeof doc.annexes)[number]) => doc.annexRefs.filter(r => r.target === a);
		this.push(`<table><thead><tr><th scope="col">${esc(t.annex)}</th><th scope="col">${esc(t.annexTitle)}</th><th scope="col">${esc(t.definedAt)}</th><th scope="col">${esc(t.referencedFrom)}</th><th scope="col">${esc(t.annexStatus)}</th></tr></thead><tbody>`);
		for (const a of doc.annexes) {
			const refs = refsTo(a);
			const mismatched = refs.filter(r => flagged('annex-mismatch', r.span));
			const state: string[] = [];
			if (result.findings.some(f => f.rule === 'annex-duplicate' && f.span.start >= a.span.start && f.span.start < a.span.end)) state.push(t.annexState.duplicate);
			if (!refs.length) state.push(t.annexState.unreferenced);
			if (mismatched.length) state.push(`${t.annexState.mismatch} (${[...new Set(mismatched.map(r => clauseLabel(doc, r.span.start) || `${t.line} ${lines.position(r.span.start).line + 1}`))].join(', ')})`);
			const defined = a.file ? a.file : `${t.line} ${lines.position(a.span.start).line + 1}`;
			const from = [...new Set(refs.map(r => clauseLabel(doc, r.span.start) || t.body))].join(', ');
			this.push(`<tr><td>${esc(annexName(a))}</td><td>${esc(a.title)}</td><td>${esc(defined)}</td><td>${esc(from || '–')}</td><td>${esc(state.join('; ') || t.annexState.ok)}</td></tr>`);
		}
		const seen = new Set<string>();
		for (const r of undefinedRefs) {
			const name = annexName(r);
			if (seen.has(name)) continue;
			seen.add(name);
			const from = [...new Set(undefinedRefs.filter(x => annexName(x) === name).map(x => clauseLabel(doc, x.span.start) || t.body))].join(', ');
			this.push(`<tr><td>${esc(name)}</td><td>–</td><td>–</td><td>${esc(from)}</td><td>${esc(t.annexState.undefined)}</td></tr>`);
		}
		this.push('</tbody></table>');
	}
}

/** One self-contained HTML review report (no scripts, no external assets) for the drafts of one run. */
export function reviewReport(inputs: readonly ReportInput[], options: ReportOptions = {}): string {
	const lang = options.lang ?? inputs[0]?.result.lang ?? 'en';
	const t = STRINGS[lang];
	const generated = options.generated ?? new Date();
	const w = new Writer(t, lang, options.catalogue ?? defaultCatalogue(), options.library ?? defaultLibrary());
	const names = inputs.map(i => path.basename(i.file)).join(', ');
	w.push(`<!doctype html>\n<html lang="${lang}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">`);
	w.push(`<meta name="generator" content="DPA Lint">\n<title>${esc(`${t.title}: ${names}`)}</title>\n<style>${css()}</style>\n</head>\n<body>`);
	w.push(`<header><h1>${esc(t.title)}</h1></header>\n<main>`);
	for (const input of inputs) w.document(input, generated);
	w.push(`</main>\n<footer><p>${esc(t.generatedBy)} · ${esc(dateText(generated, lang))}</p></footer>\n</body>\n</html>\n`);
	return w.text();
}
