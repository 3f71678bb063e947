import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Analysis } from './analysis';
import { toRange } from './convert';
import { annexAt, annexName, annexPreview, defaultCatalogue, evidenceAt, type Annex, type Lang, type Span } from './core';

const STATUS: Readonly<Record<Lang, Readonly<Record<string, string>>>> = {
	de: { present: 'vorhanden', partial: 'unvollständig', missing: 'fehlt', 'not-applicable': 'nicht anwendbar' },
	en: { present: 'present', partial: 'incomplete', missing: 'missing', 'not-applicable': 'not applicable' },
};

/** Escape Markdown syntax in document text shown inside a hover. */
export function escapeMarkdown(text: string): string {
	return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}

/** Markdown that explains a requirement: name, reference, what Art. 28 demands, and its status in this draft. */
function explainRequirement(id: string, lang: Lang, status?: string, reason?: string): string | undefined {
	const req = defaultCatalogue().requirements.find(r => r.id === id);
	if (!req) return undefined;
	const state = status ? ` — ${lang === 'de' ? 'Status' : 'status'}: ${STATUS[lang][status] ?? status}` : '';
	const why = reason ? `\n\n${escapeMarkdown(reason)}` : '';
	return `**${escapeMarkdown(req.name[lang])}** (${escapeMarkdown(req.ref[lang])})${state}\n\n${escapeMarkdown(req.explain[lang])}${why}`;
}

function annexHover(analysis: Analysis, annex: Annex, fileLines: (annex: Annex) => string[]): string {
	const title = annex.title ? ` – ${escapeMarkdown(annex.title)}` : '';
	const lines = annex.file ? fileLines(annex) : annexPreview(analysis.result.doc, annex);
	const from = annex.file ? `\n\n*${escapeMarkdown(annex.file)}*` : '';
	const preview = lines.length ? `\n\n${lines.map(l => `> ${escapeMarkdown(l.trim())}`).join('  \n')}` : '';
	return `**${escapeMarkdown(annexName(annex))}${title}**${from}${preview}`;
}

/**
 * Hover at an offset: the annex a reference names (title and first lines), the requirement a sentence is evidence for,
 * or the requirement a `missing-clause` diagnostic reports, in the message language.
 */
export function hoverAt(analysis: Analysis, offset: number, fileLines: (annex: Annex) => string[]): Hover | null {
	const { doc, coverage, findings } = analysis.result;
	const parts: string[] = [];
	let span: Span | undefined;
	const hit = annexAt(doc, offset);
	if (hit?.annex) {
		parts.push(annexHover(analysis, hit.annex, fileLines));
		span = hit.span;
	}
	const explained = new Set<string>();
	for (const f of findings) {
		if (f.rule !== 'missing-clause' || !f.requirement || f.span.start > offset || offset > f.span.end || explained.has(f.requirement)) continue;
		const cov = coverage.find(c => c.requirement === f.requirement);
		const text = explainRequirement(f.requirement, analysis.lang, cov?.status, cov?.reason);
		if (text) parts.push(text);
		explained.add(f.requirement);
		span ??= f.span;
	}
	for (const c of evidenceAt(coverage, offset)) {
		if (explained.has(c.requirement)) continue;
		const text = explainRequirement(c.requirement, analysis.lang, c.status, c.reason);
		if (!text) continue;
		parts.push(`${analysis.lang === 'de' ? 'Beleg für' : 'Evidence for'} ${text}`);
		explained.add(c.requirement);
		span ??= c.evidence.find(s => s.start <= offset && offset <= s.end);
	}
	if (!parts.length) return null;
	return {
		contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
		...(span ? { range: toRange(analysis.document, span) } : {}),
	};
}
